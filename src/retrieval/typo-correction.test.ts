import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { buildTypoVocabulary, correctTypos, editDistance } from "./typo-correction.js";

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

  it("leaves an ordinary English word the corpus does not use, unless keepEnglishWords is off", () => {
    const money = buildTypoVocabulary(["one rate", "loss reserve"]);
    // "gone" is one edit from "one", "logs" one from "loss"; WordNet lists both, so neither is a misspelling.
    expect(correctTypos("has it gone up, logs", money, settings).corrections).toEqual([]);
    expect(correctTypos("has it gone up, logs", buildTypoVocabulary(["one rate", "loss reserve"]), { ...settings, keepEnglishWords: false }).text).toBe("has it one up, loss");
    // A misspelling WordNet does not list is still corrected.
    expect(correctTypos("rseerve", money, settings).text).toBe("reserve");
  });

  it("looks up at most maxScans unknown words per text, so a long random text costs a bounded amount", () => {
    const fresh = buildTypoVocabulary(["early withdrawal penalty"]);
    const words = Array.from({ length: 50 }, (_, index) => `zq${String.fromCharCode(97 + (index % 26))}x${index}`).join(" ");
    correctTypos(words, fresh, { ...settings, maxScans: 5 });
    expect(fresh.corrections.size).toBe(5);
  });
});
