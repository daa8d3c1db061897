import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { clippedPrefix, clippedWordOf, compoundOf, dominantCompletion, mayReadAsClipped, wordsStartingWith } from "./clipped-words.js";
import { buildTypoVocabulary, correctTypos } from "./typo-correction.js";

const settings = DEFAULT_SCORING.clipped;
const frequencies = (entries: Record<string, number>) => new Map(Object.entries(entries));
const place = (written: string, more: { compoundPart?: boolean; startsSentence?: boolean } = {}) => ({ written, compoundPart: false, startsSentence: false, ...more });
const none = { adjacent: 0, near: 0 };

describe("clippedPrefix", () => {
  it("drops a plural s only", () => {
    expect(clippedPrefix("docs")).toBe("doc");
    expect(clippedPrefix("stats")).toBe("stat");
    expect(clippedPrefix("access")).toBe("access");
    expect(clippedPrefix("info")).toBe("info");
  });
});

describe("compoundOf", () => {
  it("is true when the rest of the corpus word is an English word", () => {
    expect(compoundOf("wire", "wireless")).toBe(true);
    expect(compoundOf("opt", "options")).toBe(true);
    expect(compoundOf("auto", "automatically")).toBe(false);
    expect(compoundOf("info", "information")).toBe(false);
  });
});

describe("dominantCompletion", () => {
  it("reads a word the corpus never uses as the dominant stem among the corpus words it starts, in its most frequent spelling", () => {
    // "information" and "informed" share the stem "inform" (5 of 6 uses); "infographic" is another stem.
    expect(dominantCompletion("info", frequencies({ information: 4, informed: 1, infographic: 1 }), settings)).toBe("information");
    expect(dominantCompletion("docs", frequencies({ documents: 5, document: 2, dock: 1 }), settings)).toBe("documents");
  });

  it("gives nothing when no stem holds dominantShare of the uses", () => {
    expect(dominantCompletion("stat", frequencies({ statement: 3, status: 3, statute: 2 }), settings)).toBeUndefined();
  });

  it("gives nothing when the completion is rarer than minFrequency", () => {
    expect(dominantCompletion("admin", frequencies({ administrator: 2 }), settings)).toBeUndefined();
    expect(dominantCompletion("admin", frequencies({ administrator: 3 }), settings)).toBe("administrator");
  });

  it("gives nothing when the corpus uses the word's stem (retrieval finds it as written)", () => {
    // The corpus writes "reg" (the stem of "regs"): the question's word matches it as written.
    expect(dominantCompletion("regs", frequencies({ reg: 1, regulation: 9 }), settings)).toBeUndefined();
    expect(dominantCompletion("regs", frequencies({ regulation: 9 }), settings)).toBe("regulation");
  });

  it("skips corpus words fewer than minAdded letters longer", () => {
    expect(dominantCompletion("dete", frequencies({ deter: 9 }), settings)).toBeUndefined();
    expect(dominantCompletion("dete", frequencies({ deter: 1, detergent: 5 }), settings)).toBe("detergent");
    // ... but they count among the uses.
    expect(dominantCompletion("dete", frequencies({ deter: 9, detergent: 5 }), settings)).toBeUndefined();
  });

  it("never chooses a compound of the word, and counts it against the others", () => {
    // "opt": "options" (opt + ions) is no clipping, and with it "optional" no longer dominates.
    expect(dominantCompletion("opt", frequencies({ options: 9, optional: 4 }), settings)).toBeUndefined();
    expect(dominantCompletion("opt", frequencies({ optional: 4 }), settings)).toBe("optional");
    expect(dominantCompletion("wire", frequencies({ wireless: 9 }), settings)).toBeUndefined();
  });
});

describe("mayReadAsClipped", () => {
  it("never reads a word written in capitals, or capitalised inside a sentence", () => {
    expect(mayReadAsClipped("admin", place("ADMIN"), { adjacent: 1, near: 1 }, settings)).toBe(false);
    expect(mayReadAsClipped("admin", place("Admin"), { adjacent: 1, near: 1 }, settings)).toBe(false);
    expect(mayReadAsClipped("admin", place("Admin", { startsSentence: true }), { adjacent: 1, near: 1 }, settings)).toBe(true);
  });

  it("reads a word before a number the documents write after its completion as that numbered name, capitalised or not, without other support", () => {
    expect(mayReadAsClipped("sev", place("Sev"), none, settings, true)).toBe(true);
    expect(mayReadAsClipped("sev", place("sev"), none, settings, true)).toBe(true);
    expect(mayReadAsClipped("sev", place("Sev"), none, settings, false)).toBe(false);
    // A code in capitals stays a code.
    expect(mayReadAsClipped("sev", place("SEV"), none, settings, true)).toBe(false);
  });

  it("reads a long word WordNet does not list with a question word the corpus uses the completion near", () => {
    expect(mayReadAsClipped("admin", place("admin"), { adjacent: 0, near: 1 }, settings)).toBe(true);
    expect(mayReadAsClipped("admin", place("admin"), none, settings)).toBe(false);
    // Shorter than nearFrom: near is not enough.
    expect(mayReadAsClipped("admn", place("admn"), { adjacent: 0, near: 1 }, settings)).toBe(false);
    expect(mayReadAsClipped("admn", place("admn"), { adjacent: 1, near: 0 }, settings)).toBe(true);
  });

  it("reads an English word only next to a question word the corpus writes beside the completion, or near one in a hyphenated compound", () => {
    expect(mayReadAsClipped("info", place("info"), { adjacent: 0, near: 2 }, settings)).toBe(false);
    expect(mayReadAsClipped("info", place("info"), { adjacent: 1, near: 0 }, settings)).toBe(true);
    expect(mayReadAsClipped("auto", place("auto", { compoundPart: true }), { adjacent: 0, near: 1 }, settings)).toBe(true);
    expect(mayReadAsClipped("auto", place("auto", { compoundPart: true }), none, settings)).toBe(false);
  });
});

describe("clippedWordOf", () => {
  it("is off when clipped.enabled is false", () => {
    const tokens = frequencies({ administrator: 5 });
    expect(clippedWordOf("admin", place("admin"), tokens, settings, () => ({ adjacent: 1, near: 1 }))).toBe("administrator");
    expect(clippedWordOf("admin", place("admin"), tokens, { ...settings, enabled: false }, () => ({ adjacent: 1, near: 1 }))).toBeNull();
  });
});

describe("correctTypos with clipped words", () => {
  const vocabulary = () =>
    buildTypoVocabulary([
      "The subscription renews automatically for successive renewal terms.",
      "Renewal happens automatically unless cancelled; automatic renewal can be turned off.",
      "Update the account information in settings. Account information is private. Keep your account information current.",
      "A ten day notice period applies. The tenant pays.",
    ]);

  it("reads the first part of a hyphenated compound as the corpus word it clips, reported as a correction", () => {
    expect(correctTypos("Does the subscription auto-renew?", vocabulary(), DEFAULT_SCORING.typos, settings)).toEqual({
      text: "Does the subscription automatically-renew?",
      corrections: [{ from: "auto", to: "automatically" }],
    });
    // Without the clipped settings (or with them off) nothing changes.
    expect(correctTypos("Does the subscription auto-renew?", vocabulary(), DEFAULT_SCORING.typos).corrections).toEqual([]);
  });

  it("reads an English clipping beside a word the corpus writes next to its completion", () => {
    expect(correctTypos("where is the account info", vocabulary(), DEFAULT_SCORING.typos, settings).corrections).toEqual([{ from: "info", to: "information" }]);
    // No question word the corpus writes beside "information": left as written.
    expect(correctTypos("where is the info", vocabulary(), DEFAULT_SCORING.typos, settings).corrections).toEqual([]);
  });

  it("corrects a misspelling before reading a clipping", () => {
    // "tenat" is one edit from "tenant" (a typo), not a clipped word.
    expect(correctTypos("what does the tenat pay", vocabulary(), DEFAULT_SCORING.typos, settings).corrections).toEqual([{ from: "tenat", to: "tenant" }]);
  });
});

describe("correctTypos: a misspelling or a clipped word", () => {
  const vocabulary = () =>
    buildTypoVocabulary([
      "Customer service is open daily. Call customer service. Customer service contact: 555-0100.",
      "Returns are free. Service cost is included.",
      "The cost of shipping is low. Shipping cost varies by weight and cost grows with distance.",
    ]);

  it("takes the clipped reading when the question's words support it more than the misspelling's", () => {
    // "cust" is one letter from "cost" (used near "service") and starts "customer" (written right before "service").
    expect(correctTypos("who is the cust service contact", vocabulary(), DEFAULT_SCORING.typos, settings).corrections).toEqual([{ from: "cust", to: "customer" }]);
    expect(correctTypos("what is the cust of shipping", vocabulary(), DEFAULT_SCORING.typos, settings).corrections).toEqual([{ from: "cust", to: "cost" }]);
  });
});

describe("wordsStartingWith", () => {
  it("finds every corpus word starting with the prefix, the prefix itself included, and nothing else", () => {
    const frequency = new Map([["maximum", 4], ["max", 1], ["maxim", 1], ["matrix", 2], ["may", 3], ["maxwell", 1], ["amax", 1]]);
    expect(wordsStartingWith("max", frequency)).toEqual(["max", "maxim", "maximum", "maxwell"]);
    expect(wordsStartingWith("zzz", frequency)).toEqual([]);
    expect(wordsStartingWith("a", frequency)).toEqual(["amax"]);
  });
});

describe("correctTypos: a clipped word before the number of a name", () => {
  const vocabulary = () =>
    buildTypoVocabulary([
      "Severity 1 issues get a response within 30 minutes. Severity 2 issues within 2 hours.",
      "Severity 3 is for questions. The severity of a ticket is set by the customer.",
      "An independent firm performs a penetration test every year; the penetration test report is shared.",
      "Penetration tests by customers need written permission.",
    ]);
  const numbered = (word: string, number: string) => word === "severity" && ["1", "2", "3"].includes(number);

  it("reads a short clipped word, capitalised mid-sentence, as the name the documents number ('Sev 2' is 'Severity 2')", () => {
    expect(correctTypos("what's the Sev 2 response time", vocabulary(), DEFAULT_SCORING.typos, settings, numbered).corrections).toEqual([{ from: "Sev", to: "severity" }]);
    // A number the documents never write after it: left as written (the names check may say it is missing).
    expect(correctTypos("what's the Sev 9 response time", vocabulary(), DEFAULT_SCORING.typos, settings, numbered).corrections).toEqual([]);
  });

  it("reads a three-letter word with no dropped-letter reading as clipped, beside a word the corpus writes next to its completion", () => {
    expect(correctTypos("how often is the pen test done", vocabulary(), DEFAULT_SCORING.typos, settings).corrections).toEqual([{ from: "pen", to: "penetration" }]);
  });
});
