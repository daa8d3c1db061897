import { describe, expect, it } from "vitest";
import { buildNameIndex, checkNames, periodKeysIn } from "./names.js";

const index = buildNameIndex([
  "The Loftwell Ember 0 bag and the Loftwell Ember 20 bag are down bags.",
  "Harbor Savings pays 0.40% APY. Our 12-month CD and 24 months terms. A 60-month loan.",
  "Results for the third quarter of 2026 and Q2 2026. The 2025 annual report.",
  "We ship to Alaska and Hawaii. Waymark makes GPS units.",
]);
const none = (_name: string) => false;
const names = (question: string, isPlace = none) => checkNames(question, index, isPlace);

describe("checkNames", () => {
  it("finds a capitalised name with a word the documents never use", () => {
    expect(names("What fee does Wells Fargo charge?").missing.map((name) => name.name)).toEqual(["Wells Fargo"]);
  });

  it("lets a single place name through: questions name places the documents cover by region", () => {
    expect(names("Do you ship to Denver?", (name) => name === "denver").missing).toEqual([]);
  });

  it("finds a numbered variant the documents lack while they have others, with the close ones", () => {
    expect(names("What is the rating of the Loftwell Ember 15?").missing).toEqual([{ name: "Loftwell Ember 15", close: ["Ember 0", "Ember 20"] }]);
    expect(names("What is the rating of the Loftwell Ember 20?").missing).toEqual([]);
  });

  it("finds a hyphenated term the documents do not offer", () => {
    expect(names("What is the APY on a 36-month CD?").missing).toEqual([{ name: "36-month", close: ["12-month", "24-month", "60-month"] }]);
    expect(names("What is the APY on a 24-month CD?").missing).toEqual([]);
  });

  it("finds a number-unit the documents state only beside something other than what the question names", () => {
    const scoped = buildNameIndex([
      "Certificates. Our 12-month CD pays 4.10% APY; the 24-month CD pays 3.90%.",
      "Loans. Personal loan terms run 36 or 48 months.",
    ]);
    expect(checkNames("What is the APY on a 48-month CD?", scoped, none).missing).toEqual([{ name: "48-month CD", close: ["12-month CD", "24-month CD"] }]);
    expect(checkNames("What rate does a 48-month personal loan carry?", scoped, none).missing).toEqual([]);
    // Nothing else is stated beside "mortgage" with months: not a near miss, left to the support score.
    expect(checkNames("What does a 48-month mortgage cost?", scoped, none).missing).toEqual([]);
    // "15-year-old" is an age, not a 15-year something.
    expect(checkNames("Can a 15-year-old open a CD?", buildNameIndex(["A 12-year old CD holder.", "Loans of 15 years."]), none).missing).toEqual([]);
  });

  it("scopes a number-unit to its whole document when chunks name their document", () => {
    const chunks = [
      { text: "Auto loans for new and used cars.", document: "auto" },
      { text: "| 60 months | 5.99% |", document: "auto" },
      { text: "Our 12-month CD and 24-month CD.", document: "deposits" },
    ];
    expect(checkNames("What rate is a 60-month used car loan?", buildNameIndex(chunks), none).missing).toEqual([]);
    expect(checkNames("What does a 60-month CD pay?", buildNameIndex(chunks), none).missing).toEqual([{ name: "60-month CD", close: ["12-month CD", "24-month CD"] }]);
  });

  it("finds a quarter or year the documents never mention", () => {
    expect(names("What was the efficiency ratio in the first quarter of 2026?").missing.map((name) => name.name)).toEqual(["Q1 2026"]);
    expect(names("What was net income in 2019?").missing.map((name) => name.name)).toEqual(["2019"]);
    expect(names("What was net income in the third quarter of 2026?").missing).toEqual([]);
  });

  it("calls known words never used together unfamiliar, not missing", () => {
    expect(names("Is a Waymark GPS covered?")).toEqual({ missing: [], unfamiliar: ["Waymark GPS"] });
  });

  it("takes two names side by side, each a word of some document's name, for two names, not a new one", () => {
    const namesDocument = (term: string) => term === "waymark" || term === "gp";
    expect(checkNames("Is a Waymark GPS covered?", index, none, undefined, namesDocument)).toEqual({ missing: [], unfamiliar: [] });
    // A number after a name is still a variant.
    expect(checkNames("What is the rating of the Loftwell Ember 15?", index, none, undefined, (term) => ["loftwel", "ember", "15"].includes(term)).missing.map((name) => name.name)).toEqual(["Loftwell Ember 15"]);
  });

  it("does not take a misspelling of a corpus word for a new name, unless the first letter changes", () => {
    const typoIndex = buildNameIndex(["Cobalt Harbor Bank"]);
    const corrected = (word: string) => ({ harbour: "harbor", fargo: "cargo" })[word];
    expect(checkNames("Does Cobalt Harbour charge?", typoIndex, none, corrected).missing).toEqual([]);
    expect(checkNames("Does Wells Fargo charge?", typoIndex, none, corrected).missing.map((name) => name.name)).toEqual(["Wells Fargo"]);
  });

  it("reads 'No. 2' and '#2' after a name as its number, so a numbered document the corpus lacks is missing", () => {
    const contracts = buildNameIndex(["This is Amendment No. 1 to the Master Subscription Agreement with Kestrel.", "The SOW and Statement of Work No. 1."]);
    expect(checkNames("When does Amendment No. 2 take effect?", contracts, none).missing).toEqual([{ name: "Amendment No. 2", close: ["Amendment 1"] }]);
    expect(checkNames("When does Amendment No. 1 take effect?", contracts, none).missing).toEqual([]);
    // The documents never number "SOW" (they write "Statement of Work No. 1"): the number says nothing.
    expect(checkNames("What does SOW No. 1 cover?", contracts, none)).toEqual({ missing: [], unfamiliar: [] });
  });

  it("finds a slash code the documents write before the same name, but not this one", () => {
    const mortgages = buildNameIndex(["We offer the 7/6 ARM and the 10/6 ARM. Caps follow a 5/1/5 structure."]);
    expect(checkNames("What's your rate on a 5/1 ARM?", mortgages, none).missing).toEqual([{ name: "5/1 ARM", close: ["7/6 ARM", "10/6 ARM"] }]);
    expect(checkNames("What's your rate on a 10/6 ARM?", mortgages, none).missing).toEqual([]);
    // A single number before a name is a count, not a code ("3 AAA batteries").
    expect(checkNames("Does it take 3 ARM payments?", mortgages, none).missing).toEqual([]);
  });

  it("ends a name at a possessive: 'Kestrel's Relay' is Kestrel's product, not a name 'Kestrel Relay'", () => {
    const products = buildNameIndex(["Kestrel Outfitters subscribes to Fernhollow Relay."]);
    expect(checkNames("What uptime applies to Kestrel's Relay subscription?", products, none)).toEqual({ missing: [], unfamiliar: [] });
    expect(checkNames("What uptime applies to the Kestrel Relay subscription?", products, none).unfamiliar).toEqual(["Kestrel Relay"]);
  });

  it("reads a misspelt word as its correction when checking which words the documents use together", () => {
    const typoIndex = buildNameIndex(["Second Start Checking is for rebuilding."]);
    const corrected = (word: string) => ({ secnd: "second" })[word];
    expect(checkNames("Can I leave Secnd Start Checking?", typoIndex, none, corrected).unfamiliar).toEqual([]);
    expect(checkNames("Can I leave Start Second Checking?", typoIndex, none, corrected).unfamiliar).toEqual(["Start Second Checking"]);
  });

  it("reads a currency code as a unit of money, not a name the documents lack", () => {
    const wires = buildNameIndex(["An outgoing international wire sent in U.S. dollars costs $45."]);
    expect(checkNames("what's the fee for an outgoing international wire sent in USD?", wires, none).missing).toEqual([]);
    // Other capitals are still names.
    expect(checkNames("Do you offer an HSA?", wires, none).missing.map((name) => name.name)).toEqual(["HSA"]);
  });

  it("reads the second number of a size written without spaces as a number, not a code the documents lack", () => {
    const boxes = buildNameIndex(["Safe deposit boxes come in 3 x 5, 5 x 10 and 10 x 10.", "The Farsight Vista 8x42 Binoculars."]);
    expect(checkNames("how much does a 5x10 safe deposit box cost per year", boxes, none).missing).toEqual([]);
    expect(checkNames("What does the Farsight Vista 8x42 weigh?", boxes, none)).toEqual({ missing: [], unfamiliar: [] });
  });

  it("reads a word put into a name the documents use as another product, naming theirs as close", () => {
    const products = buildNameIndex(["Open a Harbor Savings account.", "The Harbor Secured Visa builds credit.", "Business Checking and Youth accounts."]);
    const documentWord = () => true;
    expect(checkNames("What rate does Harbor Youth Savings pay?", products, none, undefined, documentWord).missing).toEqual([{ name: "Harbor Youth Savings", close: ["Harbor Savings"] }]);
    expect(checkNames("What is the fee on the Harbor Secured Business Visa?", products, none, undefined, documentWord).missing).toEqual([
      { name: "Harbor Secured Business Visa", close: ["Harbor Secured Visa"] },
    ]);
    // The names as the documents write them, and two names side by side, are not.
    expect(checkNames("What rate does Harbor Savings pay?", products, none, undefined, documentWord)).toEqual({ missing: [], unfamiliar: [] });
    expect(checkNames("Is Business Checking open to Harbor Savings customers?", products, none, undefined, documentWord).missing).toEqual([]);
  });

  it("does not take an acronym for a misspelling: it is a name the documents may lack", () => {
    const typoIndex = buildNameIndex(["Cobalt Harbor Bank offers savings."]);
    const corrected = (word: string) => ({ hsa: "has" })[word];
    expect(checkNames("Do you offer an HSA?", typoIndex, none, corrected).missing.map((name) => name.name)).toEqual(["HSA"]);
    expect(checkNames("Do you offer an Hsa?", typoIndex, none, corrected).missing).toEqual([]);
  });
});

describe("codes", () => {
  const orders = buildNameIndex(["Order Form FH-2025-0417 sets the renewal pricing.", "Fiscal FY 2018 results and FY 2019 results."]);

  it("misses a code the documents write with the same beginning but never with this number", () => {
    expect(checkNames("What does Order Form FH-2025-0999 say about renewal pricing?", orders, none).missing.map((name) => name.name)).toEqual(["Order Form FH-2025-0999"]);
    expect(checkNames("What does Order Form FH-2025-0417 say about renewal pricing?", orders, none).missing).toEqual([]);
  });

  it("leaves a span of years and a code of another beginning to the other checks", () => {
    expect(checkNames("What changed in FY 2018-2019?", orders, none).missing).toEqual([]);
    expect(checkNames("What does Order Form XY-2025-0999 say?", orders, none).missing.map((name) => name.name)).toEqual(["Order Form XY-2025-0999"]);
  });
});

describe("periods the question asks about", () => {
  const terms = buildNameIndex(["Customers may opt out of arbitration within 30 days. This policy took effect in 2025."]);

  it("misses a year the documents never mention when the question asks about it", () => {
    expect(checkNames("Could I opt out of arbitration in 2015?", terms, none).missing.map((missing) => missing.name)).toEqual(["2015"]);
  });

  it("leaves alone a year of the asker's story, told before the question or in a clause before it", () => {
    expect(checkNames("I've been a customer since 2015, can I opt out of arbitration?", terms, none).missing).toEqual([]);
    expect(checkNames("I signed up in 2015. Can I opt out of arbitration?", terms, none).missing).toEqual([]);
  });
});

describe("periodKeysIn", () => {
  it("reads quarters in both spellings, and years", () => {
    expect(periodKeysIn("Q3 2026, the fourth quarter of fiscal 2025 and 2024")).toEqual({ years: ["2026", "2025", "2024"], quarters: ["2026-Q3", "2025-Q4"] });
  });
});

describe("fiscal-year tokens", () => {
  it("reads FY2018, FY 2018, CY2019 and FY19 as years", () => {
    expect(periodKeysIn("FY2018, FY 2018, CY2019 and FY19").years).toEqual(["2018", "2018", "2019", "2019"]);
  });

  it("checks FY2018 as the year 2018, not as a name the documents never use", () => {
    const reports = buildNameIndex(["Alder Ridge Pharma annual report for fiscal 2018.", "Capital expenditure in 2018 was $40 million."]);
    expect(checkNames("What was the FY2018 capital expenditure for Alder Ridge Pharma?", reports, none).missing).toEqual([]);
    expect(checkNames("What was the FY2027 capital expenditure for Alder Ridge Pharma?", reports, none).missing.map((missing) => missing.name)).toEqual(["2027"]);
  });
});
