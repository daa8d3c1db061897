import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../config/scoring.js";
import { chunkFeatures } from "./rerank.js";
import { askedYears, coversParts, formTerms, givenTerms, passageShare, shortPassage, supportScore, supportSignals, valueGap, valueShares } from "./support.js";
import { contentTerms } from "../text/tokenize.js";

const lexical = (value: number) => async () => value;
const query = (terms: string[], options: { named?: string[]; unfamiliar?: string[]; missing?: string[]; text?: string } = {}) => ({
  text: options.text ?? terms.join(" "),
  terms,
  namedDocIds: new Set(options.named ?? []),
  names: { unfamiliar: options.unfamiliar ?? [], missing: (options.missing ?? []).map((name) => ({ name, close: [] })) },
});
const fees = { docId: "fees", features: chunkFeatures({ text: "The overdraft fee is $35.", headingPath: ["Fees"] }) };

describe("supportSignals", () => {
  it("gives lexical support 1 when one top chunk holds every content term (text or heading)", async () => {
    expect(await supportSignals(query(["overdraft", "fee"]), [fees], lexical(0.1), DEFAULT_SCORING.support)).toEqual({ lexical: 1, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0.25, shortPassage: 0 });
  });

  it("does not ask the chunk for the word that only says what kind of value is asked ('long' in 'how long')", async () => {
    const window = { docId: "returns", features: chunkFeatures({ text: "You can return an item within 30 days.", headingPath: ["Returns"] }) };
    const asked = query(["long", "return", "item"], { text: "How long can I return an item?" });
    expect(formTerms("How long can I return an item, and how soon is the refund?")).toEqual(new Set(["long", "soon"]));
    expect((await supportSignals(asked, [window], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
    expect((await supportSignals(query(["long", "return", "item"], { text: "Is the return item long?" }), [window], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("does not ask the chunk for the word asking whether something may be done ('allowed' in 'Is that allowed?')", async () => {
    expect(formTerms("One of our agents pasted a card number into a ticket. Is that allowed?")).toEqual(new Set(["allow"]));
    expect(formTerms("Am I permitted to share it?")).toEqual(new Set(["permit"]));
    // Not a yes-no question whether something may be done: the word is asked about.
    expect(formTerms("How many seats are allowed on the Team plan?")).toEqual(new Set());
    expect(formTerms("When is it allowed to offset the two?")).toEqual(new Set(["allow"]));
    expect(formTerms("Is there a fine for paying late?")).toEqual(new Set());
  });

  it("reads a part asking only whether the story may be done as asking about the story: the story's share decides", async () => {
    const cards = { docId: "aup", features: chunkFeatures({ text: "You may not enter full payment card numbers into ticket fields or chat messages.", headingPath: ["Sensitive Data"] }) };
    const asked = "An agent pasted a card number into a ticket. Is that allowed?";
    expect((await supportSignals(query(contentTerms(asked), { text: asked }), [cards], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
    // Less than half the story in the chunk: not covered.
    const other = "An agent pasted a customer's whole credit card number into a reply yesterday. Is that allowed?";
    expect((await supportSignals(query(contentTerms(other), { text: other }), [cards], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("does not ask the chunk for the words asking for a definition or for the parts of something", () => {
    expect(formTerms("What does NEO stand for?")).toEqual(new Set(["stand"]));
    expect(formTerms("What does TWDV mean?")).toEqual(new Set(["mean"]));
    expect(formTerms("What is the definition of deferred revenue?")).toEqual(new Set(["definit"]));
    expect(formTerms("What does the company's debt consist of?")).toEqual(new Set(["consist"]));
    expect(formTerms("What did tax liabilities primarily include?")).toEqual(new Set(["includ"]));
    expect(formTerms("What is the reserve made up of?")).toEqual(new Set(["made"]));
    expect(formTerms("What does the loss from discontinued operations represent?")).toEqual(new Set(["repres"]));
    expect(formTerms("In what situations can the tax rate fluctuate?")).toEqual(new Set(["situat"]));
    expect(formTerms("What are the conditions for a repurchase of stock?")).toEqual(new Set(["condit"]));
    expect(formTerms("Which conditions apply to the repurchase?")).toEqual(new Set());
    // Not a question asking for a definition or the parts: the words are asked about.
    expect(formTerms("Does the plan include dental?")).toEqual(new Set());
    expect(formTerms("What does it mean for my account if I miss a payment?")).toEqual(new Set());
  });

  it("does not ask the chunk for the word for the value itself ('the capital expenditure amount for', 'the amount of')", () => {
    expect(formTerms("What was the FY2017 capital expenditure amount for Dune Ridge?")).toEqual(new Set(["amount"]));
    expect(formTerms("What is the amount of long-term deferred revenue?")).toEqual(new Set(["amount"]));
    expect(formTerms("What was the figure for 2025?")).toEqual(new Set(["figur"]));
    // "amount" asked about, not asked for: kept.
    expect(formTerms("Is there a minimum amount to open the account?")).toEqual(new Set());
    expect(formTerms("How is the amount calculated?")).toEqual(new Set());
  });

  it("does not ask the chunk for the values the question gives ('$1,800', '3 p.m. on a Tuesday')", async () => {
    const plans = { docId: "payments", features: chunkFeatures({ text: "Orders from $50 to $2,000 can be split into four installments.", headingPath: ["Payments"] }) };
    const asked = "Can I split an $1,800 order into installments on a Tuesday?";
    expect(givenTerms(asked)).toEqual(new Set(["1800", "tuesdai"]));
    expect((await supportSignals(query(["split", "1800", "order", "instal", "tuesdai"], { text: asked }), [plans], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
    expect((await supportSignals(query(["split", "order", "instal", "gift"], { text: "Can I split a gift order into installments?" }), [plans], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("reads a story told before the question as the asker's case: the chunk holds the part that asks and half the story", async () => {
    const warranty = { docId: "warranty", features: chunkFeatures({ text: "The warranty does not cover mildew on a tent packed away wet.", headingPath: ["Warranty"] }) };
    const story = "I packed my tent away wet and it went moldy. Will the warranty cover that?";
    const terms = ["pack", "tent", "awai", "wet", "went", "moldi", "warranti", "cover"];
    expect((await supportSignals(query(terms, { text: story }), [warranty], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
    // Less than half the story in the chunk, or a part that asks for nothing but the story's own words: not covered.
    expect((await supportSignals(query(["bake", "bread", "oven", "tent", "warranti", "cover"], { text: "I bake bread in an oven in my tent. Will the warranty cover that?" }), [warranty], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
    expect((await supportSignals(query(["tent", "wet", "moldi"], { text: "My tent got wet and moldy. What should I do?" }), [warranty], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("reads a leading condition as the asker's case: the chunk holds the question after it and half the condition", async () => {
    const survival = { docId: "nda", features: chunkFeatures({ text: "If neither party terminates it early, this NDA expires three years after the Effective Date.", headingPath: ["Term"] }) };
    const asked = "If nobody terminates it early, when does the NDA expire?";
    expect((await supportSignals(query(contentTerms(asked), { text: asked }), [survival], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
    // The same words without the condition's comma are one clause: every term is asked for.
    const plain = "When does the NDA expire if nobody terminates it early?";
    expect((await supportSignals(query(contentTerms(plain), { text: plain }), [survival], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("covers a question asking two things with one chunk per part", async () => {
    const hosting = { docId: "order", features: chunkFeatures({ text: "Customer Data is hosted in the EU region.", headingPath: ["Hosting"] }) };
    const provider = { docId: "subprocessors", features: chunkFeatures({ text: "Northwind Cloud provides and runs the hosting infrastructure.", headingPath: ["Infrastructure"] }) };
    const asked = "Where is the customer data hosted, and which provider runs that hosting?";
    const terms = contentTerms(asked);
    expect(coversParts(query(terms, { text: asked }), [hosting, provider], 0.5)).toBe(true);
    expect((await supportSignals(query(terms, { text: asked }), [hosting, provider], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
    // A part no chunk holds, or a question asking one thing: not covered part by part.
    expect(coversParts(query(terms, { text: asked }), [hosting], 0.5)).toBe(false);
    expect(coversParts(query(contentTerms("Where is the customer data hosted?"), { text: "Where is the customer data hosted?" }), [hosting, provider], 0.5)).toBe(false);
  });

  it("reads a part of fewer than two words as pointing back: held by a chunk of another part, and never enough alone", () => {
    const repair = { docId: "repairs", features: chunkFeatures({ text: "We repair broken buckles on any pack we sell; a buckle repair runs $8.", headingPath: ["Repairs"] }) };
    const headlamp = { docId: "headlamp", features: chunkFeatures({ text: "Kids' headlamp, runs on a built-in battery, fits a small pack.", headingPath: ["Headlamp"] }) };
    const back = "Do you repair broken buckles, and what does it run?";
    expect(coversParts(query(contentTerms(back), { text: back }), [headlamp, repair], 0.5)).toBe(true);
    // "run" is held only by the headlamp chunk, which covers no part of two words: not covered.
    const elsewhere = { docId: "repairs", features: chunkFeatures({ text: "We repair broken buckles on any pack we sell.", headingPath: ["Repairs"] }) };
    expect(coversParts(query(contentTerms(back), { text: back }), [headlamp, elsewhere], 0.5)).toBe(false);
    const pointing = "My kid broke the buckle on my pack. Can you fix that, and what's it run?";
    expect(coversParts(query(contentTerms(pointing), { text: pointing }), [headlamp, repair], 0.5)).toBe(false);
    const both = "Do you repair broken buckles, and what does a buckle repair run?";
    expect(coversParts(query(contentTerms(both), { text: both }), [headlamp, repair], 0.5)).toBe(true);
  });

  it("covers parts only with chunks of the documents the question names", async () => {
    const hosting = { docId: "order", features: chunkFeatures({ text: "Customer Data is hosted in the EU region.", headingPath: ["Hosting"] }) };
    const provider = { docId: "subprocessors", features: chunkFeatures({ text: "Northwind Cloud provides and runs the hosting infrastructure.", headingPath: ["Infrastructure"] }) };
    const asked = "Where is the customer data hosted, and which provider runs that hosting?";
    const named = query(contentTerms(asked), { text: asked, named: ["order"] });
    expect((await supportSignals(named, [hosting, provider], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("falls back to the lexical support when no top chunk holds them all", async () => {
    expect((await supportSignals(query(["notari", "fee"]), [fees], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
  });

  it("counts a chunk holding every term only when it is in a document the question names", async () => {
    expect((await supportSignals(query(["overdraft", "fee"], { named: ["cd-terms"] }), [fees], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(0.3);
    expect((await supportSignals(query(["overdraft", "fee"], { named: ["fees"] }), [fees], lexical(0.3), DEFAULT_SCORING.support)).lexical).toBe(1);
  });

  it("is 0 for a question without content terms, and carries the names check", async () => {
    expect(await supportSignals(query([], { unfamiliar: ["Harbor Send Plus"], missing: ["Ember 15"] }), [], lexical(0.9), DEFAULT_SCORING.support)).toEqual({ lexical: 0, unfamiliar: true, missing: true, unseenYears: [], valueGap: 0, passage: 0, shortPassage: 1 });
  });
});

describe("askedYears", () => {
  it("reads the years a question asks about, not those of a full date it gives", () => {
    expect(askedYears("How many branches will open in 2027?")).toEqual(["2027"]);
    expect(askedYears("What was revenue in FY2019 compared with 2018?")).toEqual(["2019", "2018"]);
    expect(askedYears("What was the return window before the March 2025 policy?")).toEqual(["2025"]);
    expect(askedYears("My tent was delivered November 20, 2026. What's the last day to return it?")).toEqual([]);
    expect(askedYears("The order shipped on 2026-03-01; when does it arrive?")).toEqual([]);
    expect(askedYears("I opened my account in 2019. Can I still get the bonus?")).toEqual([]);
    expect(askedYears("I opened my account in 2019. What did the bonus pay in 2025?")).toEqual(["2025"]);
    expect(askedYears("Net income in 2025")).toEqual(["2025"]);
    expect(askedYears("I've had the card since 2015 or so, can I still get the bonus?")).toEqual([]);
    expect(askedYears("I've been a member since 2015, what did the bonus pay in 2025?")).toEqual(["2025"]);
  });
});

describe("unseenYears", () => {
  const report = { docId: "annual-report-2025", features: chunkFeatures({ text: "Net income was $96.4 million.", headingPath: ["Annual Report"] }), documentYears: new Set(["2025"]) };
  const fiscal = { docId: "10k", features: chunkFeatures({ text: "Revenue in FY2019 rose 4%.", headingPath: ["Results"] }) };
  const signals = (text: string, chunks: Array<typeof fees>) => supportSignals(query(["net", "incom"], { text }), chunks, async () => 0.5, DEFAULT_SCORING.support);

  it("lists the years the question asks about that none of the top chunks mentions, and makes the support 0", async () => {
    const found = await signals("What was net income in 2027 and in 2025?", [fees, report]);
    expect(found.unseenYears).toEqual(["2027"]);
    expect(supportScore(found, DEFAULT_SCORING.support.model)).toBe(0);
  });

  it("is empty when a top chunk states the year, or its document is about it, or the question names no year", async () => {
    expect((await signals("What was net income in 2025?", [fees, report])).unseenYears).toEqual([]);
    expect((await signals("What was revenue in 2019?", [fiscal])).unseenYears).toEqual([]);
    expect((await signals("What was net income?", [fees])).unseenYears).toEqual([]);
    expect((await signals("What was net income in 2025?", [])).unseenYears).toEqual([]);
  });

  it("does not ask for the first year of a span whose last year a top chunk mentions", async () => {
    expect((await signals("Why did net income rise from 2024 to 2025?", [fees, report])).unseenYears).toEqual([]);
    expect((await signals("How did net income change between fiscal 2024 and 2025?", [fees, report])).unseenYears).toEqual([]);
    // The last year unseen: both asked for; separate years: each asked for.
    expect((await signals("Why did net income rise from 2025 to 2026?", [fees, report])).unseenYears).toEqual(["2026"]);
    expect((await signals("What was net income in 2024 and in 2025?", [fees, report])).unseenYears).toEqual(["2024"]);
  });
});

describe("valueGap", () => {
  const chunk = (text: string, headingPath: string[]) => ({ docId: "d", text, features: chunkFeatures({ text, headingPath }) });
  const pricing = chunk("Relay Enterprise costs $92.00 per seat per month. Relay Assist is an add-on for agents.", ["Order Form", "Pricing"]);
  const asked = (text: string) => ({ text, terms: contentTerms(text) });

  it("is 0 when a sentence states the asked kind of value with every term of the question (headings count)", () => {
    expect(valueGap(asked("How much does Relay Enterprise cost per seat?"), [pricing])).toBe(0);
    expect(valueGap(asked("How much is Relay Enterprise pricing per seat?"), [pricing])).toBe(0);
  });

  it("is the share of the question's terms the best sentence stating the asked kind lacks: the amount is about another thing", () => {
    // "relay", "assist", "agent" are in the chunk, but not in the sentence that states an amount.
    const question = asked("How much does Relay Assist cost per agent?");
    const terms = question.terms.filter((term) => term !== "much");
    const held = terms.filter((term) => contentTerms("Relay Enterprise costs $92.00 per seat per month.").includes(term)).length;
    expect(valueGap(question, [pricing])).toBeCloseTo(1 - held / terms.length, 10);
    expect(valueGap(question, [pricing])).toBeGreaterThanOrEqual(0.4);
  });

  it("is 1 when no sentence states a value of the asked kind, and 0 for a question that asks for no kind of value", () => {
    const definition = chunk('"Authorized User" means an employee or contractor of Customer, up to the number of seats purchased.', ["Definitions"]);
    expect(valueGap(asked("How many employees does Customer have?"), [definition])).toBe(1);
    expect(valueGap(asked("Who is an Authorized User?"), [definition])).toBe(0);
    expect(valueGap(asked("How much does Relay Enterprise cost per seat?"), [{ docId: "d", features: pricing.features }])).toBe(1);
  });

  it("takes the best part of a question asking two things: the other part may be answered in another chunk", () => {
    const question = asked("How much does Relay Enterprise cost per seat, and when is the invoice due?");
    expect(valueGap(question, [pricing])).toBe(0);
    expect(valueShares(question, [pricing]).map((shares) => shares.value)).toEqual([1, 0]);
  });

  it("reads the asked kind through the given reader when the form alone does not say ('What uptime ...' asks for a percentage in an SLA)", () => {
    const sla = chunk("Business plans are covered by the SLA, which commits to 99.9% monthly uptime. Starter plans have no uptime commitment.", ["Terms", "Service Levels"]);
    const question = asked("What uptime does the SLA promise on the Starter plan?");
    expect(valueGap(question, [sla])).toBe(0);
    // The percentage is stated about Business plans: "starter" is only in the sentence without one.
    expect(valueGap(question, [sla], () => ["percent"])).toBeGreaterThan(0);
    expect(valueGap(asked("What uptime does the SLA promise on the Business plan?"), [sla], () => ["percent"])).toBeLessThan(valueGap(question, [sla], () => ["percent"]));
  });
});

describe("passageShare", () => {
  const chunk = (text: string, headingPath: string[] = []) => ({ docId: "d", text, features: chunkFeatures({ text, headingPath }) });
  const ask = (text: string) => ({ text, terms: contentTerms(text) });
  const idf = (weights: Record<string, number>) => (term: string) => weights[term] ?? 1;

  it("is the share of the question one sentence holds, not what a chunk holds across sentences", () => {
    const together = chunk("Wire transfers sent abroad cost $45. Checks are free.");
    const apart = chunk("Wire transfers are processed daily. Sending money abroad has a cost.");
    expect(passageShare(ask("What do wire transfers abroad cost?"), [together], idf({}), 0.5)).toBe(1);
    expect(passageShare(ask("What do wire transfers abroad cost?"), [apart], idf({}), 0.5)).toBe(0.5);
    expect(passageShare(ask("What do wire transfers abroad cost?"), [apart, together], idf({}), 0.5)).toBe(1);
  });

  it("weighs terms by the weight given, so a rare word shared counts more than a common one", () => {
    const rare = chunk("The escheatment period is five years.");
    const common = chunk("The account period is five years.");
    const question = ask("What is the escheatment period for an account?");
    const weights = idf({ escheat: 8, period: 1, account: 1 });
    expect(passageShare(question, [rare], weights, 0.5)).toBeCloseTo(9 / 10, 10);
    expect(passageShare(question, [common], weights, 0.5)).toBeCloseTo(2 / 10, 10);
  });

  it("counts a term only in the chunk's headings at the share given, and skips form terms and givens", () => {
    const fees = chunk("The fee is $35 per item.", ["Overdraft"]);
    expect(passageShare(ask("How much is the overdraft fee?"), [fees], idf({}), 0.5)).toBeCloseTo(0.75, 10);
    expect(passageShare(ask("How long is the overdraft fee of $35?"), [fees], idf({}), 0)).toBeCloseTo(0.5, 10);
  });

  it("is 0 without question terms or chunk text", () => {
    expect(passageShare(ask("What is it?"), [chunk("Anything at all.")], idf({}), 0.5)).toBe(0);
    expect(passageShare(ask("What is the fee?"), [{ docId: "d", features: chunkFeatures({ text: "The fee.", headingPath: [] }) }], idf({}), 0.5)).toBe(0);
  });
});

describe("shortPassage", () => {
  it("is 0 at or above the floor and grows to 1 as the best passage holds less of the question", () => {
    expect(shortPassage(0.6, 0.25)).toBe(0);
    expect(shortPassage(0.25, 0.25)).toBe(0);
    expect(shortPassage(0.125, 0.25)).toBe(0.5);
    expect(shortPassage(0, 0.25)).toBe(1);
    expect(shortPassage(0, 0)).toBe(0);
  });
});

describe("supportScore", () => {
  const model = { intercept: -2, lexical: 6, unfamiliar: -2 };

  it("adds the value gap with its weight (none when the model has no weight for it)", () => {
    const signals = { lexical: 0.5, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0.5, passage: 0.5, shortPassage: 0 };
    expect(supportScore(signals, model)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(supportScore(signals, { ...model, valueGap: -4 })).toBeCloseTo(1 / (1 + Math.exp(1)), 10);
  });

  it("adds a short best passage with its weight (none when the model has no weight for it)", () => {
    const signals = { lexical: 0.5, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0.1, shortPassage: 0.5 };
    expect(supportScore(signals, model)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(supportScore(signals, { ...model, shortPassage: -4 })).toBeCloseTo(1 / (1 + Math.exp(1)), 10);
  });

  it("maps the signals through the logistic model", () => {
    expect(supportScore({ lexical: 0.5, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0.5, shortPassage: 0 }, model)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
    expect(supportScore({ lexical: 0.5, unfamiliar: true, missing: false, unseenYears: [], valueGap: 0, passage: 0.5, shortPassage: 0 }, model)).toBeCloseTo(1 / (1 + Math.exp(1)), 10);
  });

  it("rises with lexical support and is 0 when the question names something the documents never mention", () => {
    const scores = [0, 0.3, 0.6, 1].map((value) => supportScore({ lexical: value, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0.5, shortPassage: 0 }, DEFAULT_SCORING.support.model));
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(supportScore({ lexical: 1, unfamiliar: false, missing: true, unseenYears: [], valueGap: 0, passage: 0.5, shortPassage: 0 }, model)).toBe(0);
  });
});
