import { describe, expect, it } from "vitest";
import { contentTerms } from "../text/tokenize.js";
import { askedKinds, buildDocumentProfiles, DocumentProfiles, missingAttribute } from "./asked-attribute.js";

const chunks = [
  { docId: "socks", headingPath: ["Trail Crew Socks"], text: "- name: Trail Crew Socks\n- price_usd: 24.00\n- specs: material: merino; cushion: medium" },
  { docId: "tent", headingPath: ["Wisp 1 Tent"], text: "- name: Wisp 1 Tent\n- price_usd: 329.00\n- specs: weight: 1 lb 9 oz; doors: 1" },
  { docId: "guide", headingPath: ["Care Guide", "Washing"], text: "Wash merino on a cool cycle." },
  { docId: "guide", headingPath: ["Care Guide", "Drying"], text: "Dry flat." },
  { docId: "faq", headingPath: ["FAQ"], text: "Wet packs weigh more and feel heavy." },
];
const profiles = buildDocumentProfiles(chunks);
const known = new Set(chunks.flatMap((chunk) => contentTerms(`${chunk.headingPath.join(" ")} ${chunk.text}`)));
const ask = (text: string, docIds: string[], value: string) => {
  const nameTerms = new Set(contentTerms(value));
  return missingAttribute({ text, terms: contentTerms(text), named: [{ value, docIds: new Set(docIds) }], documentTerms: nameTerms }, profiles, (term) => known.has(term));
};

describe("buildDocumentProfiles", () => {
  it("reads what a record covers from its label lines, and a document without them from its section headings", () => {
    expect(profiles.get("socks")!.covers).toEqual(["name", "price_usd", "specs"]);
    expect(profiles.get("guide")!.covers).toEqual(["Washing", "Drying"]);
    expect(profiles.get("tent")!.kinds.has("measure")).toBe(true);
  });

  it("holds each document's terms and only them, as the sets it was built from", () => {
    const socks = profiles.get("socks")!;
    const expected = new Set(contentTerms(`${chunks[0]!.headingPath.join(" ")} ${chunks[0]!.text}`));
    expect(new Set(socks.terms)).toEqual(expected);
    for (const term of expected) expect(socks.terms.has(term)).toBe(true);
    // "weigh" is a term of the faq and "wash" of the guide: not of the socks' row.
    expect(socks.terms.has("weigh")).toBe(false);
    expect(socks.terms.has("wash")).toBe(false);
    expect(profiles.get("faq")!.terms.has("weigh")).toBe(true);
    expect(profiles.get("nowhere")).toBeUndefined();
    expect(profiles.size).toBe(4);
  });

  it("reads back from its entries (as stored with a build) to the same profiles", () => {
    const copy = DocumentProfiles.from(profiles.entries());
    expect(copy).toEqual(profiles);
    expect([...copy.entries()]).toEqual([...profiles.entries()]);
    expect(copy.get("guide")!.covers).toEqual(["Washing", "Drying"]);
    expect([...copy.get("socks")!.kinds]).toEqual([...profiles.get("socks")!.kinds]);
  });
});

describe("missingAttribute", () => {
  it("finds an attribute the named record does not carry, naming what it covers", () => {
    expect(ask("What do the Trail Crew Socks weigh?", ["socks"], "Trail Crew Socks")).toEqual({ name: "\"weigh\" for Trail Crew Socks", close: ["name", "price_usd", "specs"] });
  });

  it("matches the attribute by a longer or shorter form ('weigh' in 'weight')", () => {
    expect(ask("What does the Wisp 1 Tent weigh?", ["tent"], "Wisp 1 Tent")).toBeUndefined();
    // "heavy" is no form of "weight", but "how heavy" asks for a measure and the row states one.
    expect(ask("How heavy is the Wisp 1 Tent?", ["tent"], "Wisp 1 Tent")).toBeUndefined();
  });

  it("lets a question through when the record states a value of the kind asked ('how much' and a price)", () => {
    // "cost" is not a word of the socks' row, but the row states an amount.
    expect(ask("How much do the Trail Crew Socks cost?", ["socks"], "Trail Crew Socks")).toBeUndefined();
  });

  it("leaves out words the corpus never uses (a user's own paraphrase) and questions that name nothing", () => {
    expect(ask("Are the Trail Crew Socks comfy?", ["socks"], "Trail Crew Socks")).toBeUndefined();
    expect(missingAttribute({ text: "What do socks weigh?", terms: contentTerms("What do socks weigh?"), named: [], documentTerms: new Set() }, profiles, (term) => known.has(term))).toBeUndefined();
  });

  it("checks only questions that ask for an attribute: 'who makes' is answered by a brand column that never says 'make'", () => {
    expect(ask("Who makes the Trail Crew Socks?", ["socks"], "Trail Crew Socks")).toBeUndefined();
    expect(ask("What do the Trail Crew Socks weigh?", ["socks"], "Trail Crew Socks")).toBeDefined();
    // "How much ... weigh" names the attribute: the row's price does not stand in for it, as it does for "how much ... cost".
    expect(ask("How much do the Trail Crew Socks weigh?", ["socks"], "Trail Crew Socks")).toBeDefined();
  });

  it("counts every named document: one that carries the attribute answers it", () => {
    expect(ask("What is the best way to dry the Trail Crew Socks?", ["socks", "guide"], "Trail Crew Socks")).toBeUndefined();
    expect(ask("What is the best way to dry the Trail Crew Socks?", ["socks"], "Trail Crew Socks")?.name).toBe("\"dry\" for Trail Crew Socks");
  });
});

describe("missingAttribute on a name many documents share", () => {
  it("leaves a name that names more than 20 documents alone: it names a kind of document, not one record", () => {
    const many = Array.from({ length: 21 }, (_, index) => `socks-${index}`);
    const wide = new Map(many.map((docId) => [docId, profiles.get("socks")!] as const));
    const question = "What do the Trail Crew Socks weigh?";
    const input = (docIds: string[]) => ({ text: question, terms: contentTerms(question), named: [{ value: "Trail Crew Socks", docIds: new Set(docIds) }], documentTerms: new Set(contentTerms("Trail Crew Socks")) });
    expect(missingAttribute(input(many.slice(0, 20)), wide, (term) => known.has(term))).toBeDefined();
    expect(missingAttribute(input(many), wide, (term) => known.has(term))).toBeUndefined();
  });
});

describe("missingAttribute and comparatives", () => {
  it("reads a comparative as the attribute it compares: 'lighter' is answered by a weight field", () => {
    const question = (name: string) => `Which is lighter, the ${name}?`;
    const input = (name: string, docId: string) => ({ text: question(name), terms: contentTerms(question(name)), named: [{ value: name, docIds: new Set([docId]) }], documentTerms: new Set(contentTerms(name)) });
    const knows = (term: string) => known.has(term) || contentTerms("lighter").includes(term);
    expect(missingAttribute(input("Wisp 1 Tent", "tent"), profiles, knows)).toBeUndefined();
    expect(missingAttribute(input("Trail Crew Socks", "socks"), profiles, knows)).toBeDefined();
  });
});

describe("missingAttribute and documents of their own", () => {
  it("reads only questions naming a record of a file of several: a guide's subject is covered by other documents too", () => {
    const question = "What is the return window for the Care Guide?";
    const input = { text: question, terms: contentTerms(question), named: [{ value: "Care Guide", docIds: new Set(["guide"]) }], documentTerms: new Set(contentTerms("Care Guide")) };
    const records = new Set(["socks", "tent"]);
    expect(missingAttribute(input, profiles, (term) => known.has(term) || term === "return" || term === "window")).toBeDefined();
    expect(missingAttribute(input, profiles, (term) => known.has(term) || term === "return" || term === "window", (docId) => records.has(docId))).toBeUndefined();
    // A record among the named documents: its attributes are all in it.
    expect(ask("What do the Trail Crew Socks weigh?", ["socks"], "Trail Crew Socks")).toBeDefined();
    const socks = { text: "What do the Trail Crew Socks weigh?", terms: contentTerms("What do the Trail Crew Socks weigh?"), named: [{ value: "Trail Crew Socks", docIds: new Set(["socks", "guide"]) }], documentTerms: new Set(contentTerms("Trail Crew Socks")) };
    expect(missingAttribute(socks, profiles, (term) => known.has(term), (docId) => records.has(docId))).toBeDefined();
  });
});

describe("askedKinds", () => {
  it("reads the value kinds a question's form asks for", () => {
    expect(askedKinds("How much does it cost?").has("money")).toBe(true);
    expect(askedKinds("How long is the warranty?").has("duration")).toBe(true);
    expect(askedKinds("What do the socks weigh?").size).toBe(0);
  });
});
