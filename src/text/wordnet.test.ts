import { describe, expect, it } from "vitest";
import { comparedAttributes, isEnglishWord, onlyModifier, synonyms } from "./wordnet.js";

describe("synonyms", () => {
  it("reads the words of a word's most frequent WordNet senses", () => {
    expect(synonyms("couch", 1)).toContain("sofa");
    expect(synonyms("litigation", 1)).toContain("judicial proceeding");
  });

  it("looks an inflected word up by its base form", () => {
    expect(synonyms("couches", 1)).toContain("sofa");
  });

  it("finds nothing for a word WordNet does not have", () => {
    expect(synonyms("zzqx", 2)).toEqual([]);
  });
});

describe("isEnglishWord", () => {
  it("knows ordinary words and their inflections, and not misspellings", () => {
    expect(isEnglishWord("gone")).toBe(true);
    expect(isEnglishWord("logs")).toBe(true);
    expect(isEnglishWord("dipped")).toBe(true);
    // A doubled final consonant before -ed or -ing is one letter in the base form ("snap", "ship").
    expect(isEnglishWord("snapped")).toBe(true);
    expect(isEnglishWord("shipped")).toBe(true);
    expect(isEnglishWord("snappped")).toBe(false);
    expect(isEnglishWord("boxes")).toBe(true);
    // Misspellings that a loose reading of inflections took for English: "employ" + "es", "deer" + "red", "dama" + "es", "cst" + "s".
    expect(isEnglishWord("employes")).toBe(false);
    expect(isEnglishWord("deerred")).toBe(false);
    expect(isEnglishWord("damaes")).toBe(false);
    expect(isEnglishWord("csts")).toBe(false);
    expect(isEnglishWord("secnd")).toBe(false);
    expect(isEnglishWord("studnet")).toBe(false);
  });

  it("knows the comparatives and superlatives of adjectives, so a corpus without them does not correct them", () => {
    // "which tent is the lightest" was searched as "the lights".
    for (const word of ["lightest", "cheapest", "cheaper", "heaviest", "biggest", "warmest"]) expect(isEnglishWord(word)).toBe(true);
    expect(isEnglishWord("feer")).toBe(false);
    expect(isEnglishWord("lighest")).toBe(false);
  });
});

describe("onlyModifier", () => {
  it("holds for a word WordNet lists only as an adjective, not for one that is also a noun or a verb", () => {
    expect(onlyModifier("new")).toBe(true);
    expect(onlyModifier("additional")).toBe(true);
    expect(onlyModifier("lost")).toBe(false);
    expect(onlyModifier("joint")).toBe(false);
    expect(onlyModifier("check")).toBe(false);
  });
});

describe("comparedAttributes", () => {
  it("names the attribute a comparative or superlative adjective compares, from WordNet's attribute links", () => {
    expect(comparedAttributes("lighter", 1)).toEqual(["weight"]);
    expect(comparedAttributes("heaviest")).toEqual(["weight"]);
    expect(comparedAttributes("bigger")).toEqual(["size"]);
    expect(comparedAttributes("larger")).toEqual(["size"]);
    expect(comparedAttributes("wider")).toContain("width");
    expect(comparedAttributes("longer")).toEqual(expect.arrayContaining(["length", "duration"]));
  });

  it("is empty for a word that only ends like one, and for an adjective that names no attribute", () => {
    expect(comparedAttributes("order")).toEqual([]);
    expect(comparedAttributes("water")).toEqual([]);
    expect(comparedAttributes("cheaper")).toEqual([]);
    expect(comparedAttributes("light")).toEqual([]);
  });
});
