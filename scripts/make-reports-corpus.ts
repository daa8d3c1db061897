// Builds a test corpus shaped like a folder of company reports dropped into docs/: 30 fictional
// companies x 3 fiscal years of annual reports as PDFs named and titled like real filings
// ("Alder_Ridge_Foods_2018_10K.pdf", title "10-K - 02/07/2019 - Alder Ridge Foods"), one page per
// section, with the same boilerplate in every report and varied figures,
// plus an eval set whose questions name company and year ("What was Alder Ridge Foods's FY2018
// capital expenditure?"). It measures whether retrieval finds the right document when only file
// names and titles say which company and year a page is about.
// Usage: npx tsx scripts/make-reports-corpus.ts <out-dir> [--companies 30] [--seed 11]
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildPdf } from "../src/corpus/loaders/testing/build-pdf.js";
import { seededRandom } from "../src/math/seeded-random.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { companies: { type: "string", default: "30" }, seed: { type: "string", default: "11" } } });
const out = positionals[0];
if (!out) throw new Error("usage: npx tsx scripts/make-reports-corpus.ts <out-dir>");
const random = seededRandom(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const FIRST = ["Alder", "Birch", "Cedar", "Dune", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Larch", "Maple", "Nimbus", "Orchid", "Pine", "Quarry", "Raven", "Sable", "Tundra", "Umber", "Vale", "Willow", "Yarrow", "Zephyr", "Aspen", "Brook", "Crest", "Delta", "Ether"];
const SECOND = ["Ridge", "Point", "Valley", "Stone", "Field", "Creek", "Summit", "Bay", "Grove", "Hollow"];
const INDUSTRY = ["Foods", "Logistics", "Energy", "Robotics", "Textiles", "Pharma", "Software", "Mining", "Retail", "Chemicals"];
const YEARS = [2017, 2018, 2019];

const money = (millions: number) => `$${millions.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} million`;

interface Report {
  company: string;
  year: number;
  file: string;
  title: string;
  figures: Record<string, string>;
  pages: string[];
}

function report(company: string, year: number, scale: number): Report {
  const revenue = Math.round(scale * (0.8 + random() * 0.5) * 10) / 10;
  const figures = {
    revenue: money(revenue),
    "net income": money(Math.round(revenue * (0.04 + random() * 0.1) * 10) / 10),
    "capital expenditure": money(Math.round(revenue * (0.03 + random() * 0.08) * 10) / 10),
    "research and development expense": money(Math.round(revenue * (0.02 + random() * 0.06) * 10) / 10),
    employees: `${Math.round(scale * (2 + random() * 4)).toLocaleString("en-US")} employees`,
  };
  const pages = [
    `Annual Report ${year} - ${company}\n\nForm 10-K for the fiscal year ended December 31, ${year}.`,
    `Business\n\nWe design, produce and sell products to customers in several regions. Our strategy is to grow in our core markets, improve margins and invest in new capabilities. We had ${figures.employees} at the end of the fiscal year.`,
    `Risk Factors\n\nOur results depend on demand in our markets, the cost of raw materials and energy, and competition. Changes in interest rates, exchange rates and regulation may affect our business. A failure of our information systems could disrupt operations.`,
    `Legal Proceedings\n\nFrom time to time we are involved in legal proceedings arising in the ordinary course of business. We do not expect any pending matter to have a material adverse effect on our financial position.`,
    `Results of Operations\n\nTotal net sales for fiscal ${year} were ${figures.revenue}. Net income for the year was ${figures["net income"]}. Research and development expense was ${figures["research and development expense"]}.`,
    `Liquidity and Capital Resources\n\nCash from operations funded our investments during the year. Capital expenditures in fiscal ${year} were ${figures["capital expenditure"]}, mainly for new production lines and information systems.`,
  ];
  const file = `${company.replace(/ /g, "_")}_${year}_10K.pdf`;
  return { company, year, file, title: `10-K - 02/07/${year + 1} - ${company}`, figures, pages };
}

const companies = Array.from({ length: Number(values.companies) }, (_, index) => `${FIRST[index % FIRST.length]} ${SECOND[Math.floor(index / FIRST.length) % SECOND.length]!} ${pick(INDUSTRY)}`);
const reports = companies.flatMap((company) => {
  const scale = 100 + random() * 4900;
  return YEARS.map((year) => report(company, year, scale));
});

const QUESTIONS: Array<[string, (r: Report) => string]> = [
  ["capital expenditure", (r) => `What was the FY${r.year} capital expenditure amount for ${r.company}?`],
  ["revenue", (r) => `How much revenue did ${r.company} report for fiscal ${r.year}?`],
  ["net income", (r) => `What was ${r.company}'s net income in ${r.year}?`],
  ["employees", (r) => `How many employees did ${r.company} have at the end of ${r.year}?`],
];

await mkdir(path.join(out, "docs"), { recursive: true });
await writeFile(
  path.join(out, "corpus.json"),
  `${JSON.stringify({ name: "reports", domain: "company annual reports", description: "Generated annual reports of fictional companies, one PDF per company and fiscal year (scripts/make-reports-corpus.ts).", include: ["docs/**/*.pdf"] }, null, 2)}\n`,
);
const cases: string[] = [];
/** A page's paragraphs as PDF lines of at most 90 characters, with a blank line between paragraphs. */
const lines = (page: string) =>
  page.split("\n\n").flatMap((paragraph, index) => {
    const wrapped: string[] = index > 0 ? [""] : [];
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      if (line && `${line} ${word}`.length > 90) {
        wrapped.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) wrapped.push(line);
    return wrapped;
  });
for (const r of reports) {
  await writeFile(path.join(out, "docs", r.file), buildPdf({ title: r.title, pages: r.pages.map(lines) }));
  const [key, ask] = pick(QUESTIONS);
  const value = r.figures[key]!;
  const pageIndex = r.pages.findIndex((page) => page.includes(value));
  const sentence = r.pages[pageIndex]!.split(/(?<=\.)\s+/).find((part) => part.includes(value))!;
  const number = value.replace(/ (?:million|employees)$/, "");
  const doc = `docs/${r.file.replace(/\.pdf$/, "").toLowerCase().replace(/_/g, "-")}/page-${pageIndex + 1}`;
  cases.push(JSON.stringify({ id: `rep-${cases.length + 1}`, question: ask(r), answerable: true, tags: ["lookup", "numeric"], evidence: [{ doc, quote: sentence }], facts: [number] }));
}
await writeFile(path.join(out, "reports.eval.jsonl"), `${cases.join("\n")}\n`);
console.log(`Wrote ${reports.length} reports and ${cases.length} questions to ${out}`);
