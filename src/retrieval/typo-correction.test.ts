import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { buildTypoVocabulary, compoundsOf, ContextPairs, correctionOf, correctTypos, editDistance, keepsFirstLetter, oneLetterReplaced, pairHash, swappedEnglishWord, twoLettersWrong } from "./typo-correction.js";

const settings = DEFAULT_SCORING.typos;

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions as one edit", () => {
    expect(editDistance("penalty", "penalty", 2)).toBe(0);
    expect(editDistance("penaly", "penalty", 2)).toBe(1);
    expect(editDistance("pneatly", "penalty", 2)).toBe(2);
    expect(editDistance("recieve", "receive", 2)).toBe(1);
  });

  it("stops early above the limit", () => {
    expect(editDistance("abcdef", "uvwxyz", 1)).toBe(2);
    expect(editDistance("ab", "abcdef", 2)).toBe(3);
  });
});

describe("correctTypos", () => {
  const vocabulary = buildTypoVocabulary(["early early early withdrawal penalty", "yearly statement", "maintenance fee"]);

  it("replaces a word the corpus never uses with the nearest corpus word, the more frequent on ties", () => {
    // "erly" is one edit from "early" (3 uses) and from nothing else.
    expect(correctTypos("Can I close it erly?", vocabulary, settings)).toEqual({ text: "Can I close it early?", corrections: [{ from: "erly", to: "early" }] });
  });

  it("allows two edits only for long words", () => {
    expect(correctTypos("maintenence", vocabulary, settings).text).toBe("maintenance");
    expect(correctTypos("yeerlx", vocabulary, settings).text).toBe("yeerlx");
  });

  it("leaves known words, stop words and short words alone", () => {
    expect(correctTypos("the penalty for an early fee", vocabulary, settings).corrections).toEqual([]);
    expect(correctTypos("fe", vocabulary, settings).text).toBe("fe");
  });

  it("reads a short word with a dropped letter as the corpus word the corpus writes next to a neighbouring word ('maintenance fe' -> 'fee')", () => {
    expect(correctTypos("What is the maintenance fe?", vocabulary, settings)).toEqual({ text: "What is the maintenance fee?", corrections: [{ from: "fe", to: "fee" }] });
    // No neighbour the corpus writes it next to, capitalised (a code or a name), an English word of three letters, or turned off: left as written.
    expect(correctTypos("What is the fe?", vocabulary, settings).corrections).toEqual([]);
    expect(correctTypos("What is the maintenance FE?", vocabulary, settings).corrections).toEqual([]);
    const reading = buildTypoVocabulary(["read statement", "read statement"]);
    expect(correctTypos("I went into the red statement", reading, settings).corrections).toEqual([]);
    expect(correctTypos("I went into the red statement", reading, { ...settings, keepEnglishWords: false }).corrections).toEqual([{ from: "red", to: "read" }]);
    expect(correctTypos("What is the maintenance fe?", vocabulary, { ...settings, droppedLetterFrom: settings.minLength }).corrections).toEqual([]);
  });

  it("leaves an ordinary English word the corpus does not use, unless keepEnglishWords is off", () => {
    const money = buildTypoVocabulary(["one rate", "loss reserve"]);
    // "gone" is one edit from "one", "logs" one from "loss"; WordNet lists both, so neither is a misspelling.
    expect(correctTypos("has it gone up, logs", money, settings).corrections).toEqual([]);
    expect(correctTypos("has it gone up, logs", buildTypoVocabulary(["one rate", "loss reserve"]), { ...settings, keepEnglishWords: false, sameFirstLetterBelow: 0, substitutionContextBelow: 0 }).text).toBe("has it one up, loss");
    // A misspelling WordNet does not list is still corrected.
    expect(correctTypos("rseerve", money, settings).text).toBe("reserve");
  });

  it("swaps two adjacent letters back into an English word when no corpus word is near enough, unless swapToEnglish is off", () => {
    // The corpus writes "weighs" and "weight", both two edits from "wiegh": too far for a five-letter word.
    const catalog = buildTypoVocabulary(["the station weighs little", "weight: 31.2 lb"]);
    expect(correctTypos("how much does it wiegh?", catalog, settings)).toEqual({ text: "how much does it weigh?", corrections: [{ from: "wiegh", to: "weigh" }] });
    expect(correctionOf("wiegh", catalog, settings)).toBe("weigh");
    expect(correctTypos("how much does it wiegh?", catalog, { ...settings, swapToEnglish: false }).text).toBe("how much does it wiegh?");
    // A corpus word one edit away still comes first ("weighs" is one edit from "wieghs").
    expect(correctTypos("it wieghs", catalog, settings).text).toBe("it weighs");
    // An English word is never swapped into another ("sign" is not "sing"), nor a word no swap makes English.
    expect(correctTypos("sign here", catalog, settings).corrections).toEqual([]);
    expect(correctTypos("amperlyn", catalog, settings).corrections).toEqual([]);
  });

  it("corrects a short word only to a word with the same first letter", () => {
    // "went" and "ours" are English but not in WordNet's lemmas; "sent" and "hours" are one edit away.
    const support = buildTypoVocabulary(["the email was sent within two hours", "the wentworth office"]);
    expect(correctTypos("it went wrong with a request of ours", support, settings).corrections).toEqual([]);
    expect(correctTypos("it went wrong with a request of ours", support, { ...settings, sameFirstLetterBelow: 0, substitutionContextBelow: 0 }).text).toBe("it sent wrong with a request of hours");
    // A short word keeping its first letter is still corrected, and so is a longer one losing it.
    expect(correctTypos("sennt", support, settings).text).toBe("sent");
    expect(correctTypos("entworth", support, settings).text).toBe("wentworth");
    expect(keepsFirstLetter("ours", "hours", settings)).toBe(false);
    expect(keepsFirstLetter("ourss", "hours", settings)).toBe(false);
    expect(keepsFirstLetter("entworth", "wentworth", settings)).toBe(true);
  });

  it("replaces a letter of a word shorter than substitutionContextBelow only with the question's words around the correction", () => {
    const shipping = buildTypoVocabulary(["west coast shipping", "shipping to the west region"]);
    // "went" is one replaced letter from "west", which the corpus never uses near "wrong" or "something".
    expect(correctTypos("something went wrong", shipping, settings).corrections).toEqual([]);
    // Beside "coast" it is corrected; a letter swapped needs no context; with the rule off, as before.
    expect(correctTypos("the wesr coast", shipping, settings).text).toBe("the west coast");
    expect(correctTypos("wset", shipping, settings).text).toBe("west");
    expect(correctTypos("something went wrong", shipping, { ...settings, substitutionContextBelow: 0 }).text).toBe("something west wrong");
    expect(oneLetterReplaced("went", "west")).toBe(true);
    expect(oneLetterReplaced("wset", "west")).toBe(false);
    expect(oneLetterReplaced("west", "wests")).toBe(false);
  });

  it("swappedEnglishWord: the first swap of adjacent letters that WordNet lists", () => {
    expect(swappedEnglishWord("wiegh")).toBe("weigh");
    expect(swappedEnglishWord("recieve")).toBe("receive");
    // Several swaps may be English ("tiem": "item", "time"): the first from the left is taken.
    expect(swappedEnglishWord("tiem")).toBe("item");
    // From the second letter on, as for a short word (its first letter kept).
    expect(swappedEnglishWord("tiem", 1)).toBe("time");
    expect(swappedEnglishWord("zqxv")).toBeUndefined();
  });

  it("looks up at most maxScans unknown words per text, so a long random text costs a bounded amount", () => {
    const fresh = buildTypoVocabulary(["early withdrawal penalty"]);
    const words = Array.from({ length: 50 }, (_, index) => `zq${String.fromCharCode(97 + (index % 26))}x${index}`).join(" ");
    correctTypos(words, fresh, { ...settings, maxScans: 5 });
    expect(fresh.corrections.size).toBe(5);
  });

  it("chooses between equally near corrections by the words the corpus writes next to them, not only by frequency", () => {
    // "leter" is one edit from "later" (more frequent) and from "letter"; the corpus writes "approval letter".
    const letters = buildTypoVocabulary(["payments later later later in the month", "the approval letter is valid"]);
    expect(correctTypos("is my approval leter still valid", letters, settings).text).toBe("is my approval letter still valid");
    // Without a neighbour that says which, the more frequent word wins, as before.
    expect(correctTypos("a leter", letters, settings).text).toBe("a later");
    expect(correctionOf("leter", letters, settings)).toBe("later");
  });

  it("uses words further away in the question when no neighbour decides", () => {
    const cards = buildTypoVocabulary(["card card card card", "replace a lost card by mail", "the cart holds items"]);
    // "cart" and "card" are both one edit from "carx"; "lost" is used near "card" only.
    expect(correctTypos("my carx was stolen or lost", cards, settings).text).toBe("my card was stolen or lost");
    expect(correctTypos("shopping carx items", cards, settings).text).toBe("shopping cart items");
  });

  it("allows a second edit for seven-letter words only when the corpus writes the candidate next to a neighbouring word", () => {
    const ids = buildTypoVocabulary(["bring a driver's license or passport", "license fees"]);
    // "lisence" is two edits from "license" (s and c swapped apart).
    expect(correctTypos("my drivers lisence", ids, settings).text).toBe("my drivers license");
    expect(correctTypos("the lisence", ids, settings).text).toBe("the lisence");
    // Letters dropped and added ("baterys": two edits from "battery") are not a swap: left as written.
    const gear = buildTypoVocabulary(["takes AA battery packs"]);
    expect(correctTypos("take AA baterys", gear, settings).text).toBe("take AA baterys");
  });

  it("twoLettersWrong: same length, exactly two letters differ in place", () => {
    expect(twoLettersWrong("lisence", "license")).toBe(true);
    expect(twoLettersWrong("baterys", "battery")).toBe(false);
    expect(twoLettersWrong("license", "license")).toBe(false);
    expect(twoLettersWrong("licens", "license")).toBe(false);
  });

  it("correctionOf leaves a short word written with a possessive (a name such as \"REI's\")", () => {
    const shop = buildTypoVocabulary(["red jacket", "return policy"]);
    expect(correctionOf("REI's", shop, settings)).toBeUndefined();
    expect(correctionOf("rei", shop, { ...settings, substitutionContextBelow: 0 })).toBe("red");
  });

  it("gives a hyphenated corpus compound written as one word its hyphen back, also when misspelt", () => {
    const loans = buildTypoVocabulary(["Your pre-approval letter", "pre-approval is free"]);
    expect(correctTypos("preapproval", loans, settings).text).toBe("pre-approval");
    expect(correctTypos("preaproval leter", loans, settings)).toEqual({
      text: "pre-approval letter",
      corrections: [{ from: "preaproval", to: "pre-approval" }, { from: "leter", to: "letter" }],
    });
    expect(compoundsOf(["pre-approval and Pre-Approval, same-day"])).toEqual([["preapproval", "pre-approval", 2], ["sameday", "same-day", 1]]);
  });

  it("reads a possessive by its word, and leaves it when that word is English", () => {
    const banks = buildTypoVocabulary(["cases cases cases", "Cobalt Harbor branches"]);
    // "chase" is an English word: "Chase's" is not a misspelling of "cases".
    expect(correctTypos("Chase's cutoff", banks, settings).corrections).toEqual([]);
    expect(correctTypos("Harbr's branches", banks, settings).text).toBe("harbor's branches");
  });
});

describe("ContextPairs", () => {
  it("records words used within a few words of each other, and adjacent content words in order", () => {
    const pairs = ContextPairs.build(["The early withdrawal penalty applies to the certificate"]);
    expect(pairs.near("earli", "penalti")).toBe(true);
    expect(pairs.near("penalti", "earli")).toBe(true);
    expect(pairs.adjacent("withdraw", "penalti")).toBe(true);
    // Stop words between content words do not break adjacency; order does.
    expect(pairs.adjacent("appli", "certif")).toBe(true);
    expect(pairs.adjacent("penalti", "withdraw")).toBe(false);
    expect(pairs.near("earli", "unrelat")).toBe(false);
  });

  it("reads back what it encodes", () => {
    const pairs = ContextPairs.build(["approval letter valid ninety days", "later payments"]);
    const decoded = ContextPairs.decode(pairs.encode());
    expect([...decoded.hashes]).toEqual([...pairs.hashes]);
    expect(decoded.adjacent("approv", "letter")).toBe(true);
  });
});

describe("pairHash", () => {
  // The hashes are stored with builds: hashing part by part must give FNV-1a of the joined key, as before.
  const joinedFnv = (key: string): number => {
    let hash = 0x811c9dc5;
    for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
    return hash >>> 0;
  };

  it("is FNV-1a of `a>b` for an adjacent pair and of the sorted `a b` otherwise", () => {
    expect(pairHash("withdraw", "penalti", true)).toBe(joinedFnv("withdraw>penalti"));
    expect(pairHash("penalti", "withdraw", true)).toBe(joinedFnv("penalti>withdraw"));
    expect(pairHash("withdraw", "penalti", false)).toBe(joinedFnv("penalti withdraw"));
    expect(pairHash("penalti", "withdraw", false)).toBe(joinedFnv("penalti withdraw"));
    expect(pairHash("café", "naïv", false)).toBe(joinedFnv("café naïv"));
  });
});

describe("ContextPairs at its bound", () => {
  const texts = ["early withdrawal penalty applies certificate deposit", "wire transfer fee outgoing domestic international", "overdraft protection savings checking transfer"];

  it("keeps exactly the first `limit` distinct pairs, in one thread and merged from parts alike", () => {
    const all = ContextPairs.firstSeen(texts, 100);
    expect(all.length).toBeGreaterThan(20);
    for (const limit of [1, 7, 13, 20]) {
      const one = ContextPairs.build(texts, limit);
      expect(one.hashes.length).toBe(limit);
      expect([...one.hashes]).toEqual([...all.slice(0, limit)].sort((a, b) => a - b));
      const parts = texts.map((text) => ContextPairs.firstSeen([text], limit));
      expect([...ContextPairs.merge(parts, limit).hashes]).toEqual([...one.hashes]);
    }
  });
});
