import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { CorpusError } from "../errors.js";

const NAME = /^[a-z0-9][a-z0-9-_]*$/;

/** The files `npm run corpus:new -- <name>` writes, relative to the project root. */
export function scaffoldFiles(name: string, corporaDir: string, evalsDir: string): Record<string, string> {
  const manifest = {
    $comment: [
      "Describes this corpus. Validated on every run; a bad field fails with its name.",
      "include/exclude: globs relative to this folder (md, markdown, txt, pdf, docx, html, htm, csv, jsonl are loaded).",
      "chunking.maxWords: upper bound on words per chunk; chunks never cross a heading. minWords: a smaller last piece joins the previous one.",
      "examples: questions shown in the web UI. answer.minEvidence: refusal threshold, set it with scripts/calibrate-refusal.ts.",
      "For CSV files add \"csv\": {\"idColumn\", \"titleColumn\", \"textColumns\", \"metadataColumns\"}; for JSONL \"jsonl\": {\"fields\": {...}}.",
    ].join(" "),
    name,
    domain: "describe the domain, e.g. insurance policies",
    description: `Documents of the ${name} corpus. Replace this with one sentence about what they are.`,
    language: "en",
    include: ["docs/**/*.{md,markdown,txt,pdf,docx,html,htm}", "data/**/*.{csv,jsonl}"],
    exclude: [],
    chunking: { maxWords: 220, minWords: 40 },
    examples: ["What does the example document say about refunds?"],
  };
  const readme = `# ${name} corpus

Replace this with what these documents are, who wrote them, and whether they may be shared.

- Put documents in \`docs/\` (Markdown with optional front matter, text, PDF, DOCX, HTML) and records in
  \`data/\` (CSV, JSONL).
- Front matter fields (\`id\`, \`title\`, \`doc_type\`, \`effective_date\`, \`product\`, \`audience\`, \`family\`)
  become chunk metadata: filters, citations and date-aware ranking use them.
- Build: \`npm run ingest -- --corpus ${name}\`. Evaluate: \`npm run eval -- --corpus ${name}\`.
  Serve: \`CORPUS=${name} npm start\`.
`;
  const example = `---
id: example-policy
title: Example Refund Policy
doc_type: policy
effective_date: 2026-01-01
product: Example Product
audience: all
---

# Example Refund Policy

This is an example document. Replace it with your own.

## Refund window

Customers can ask for a refund within 30 days of purchase. Refunds go back to the original payment method within 5 business days.
`;
  const evalCases = [
    {
      id: `${name}-001`,
      question: "How long do customers have to ask for a refund?",
      answerable: true,
      tags: ["lookup", "numeric"],
      evidence: [{ doc: "example-policy", quote: "Customers can ask for a refund within 30 days of purchase." }],
      facts: [{ value: "30 days", aliases: ["thirty days"] }],
      reference: "Within 30 days of purchase.",
    },
    {
      id: `${name}-002`,
      question: "How quickly does a refund reach my card?",
      answerable: true,
      tags: ["lookup", "paraphrase"],
      evidence: [{ doc: "example-policy", quote: "Refunds go back to the original payment method within 5 business days." }],
      facts: ["5 business days"],
    },
    { id: `${name}-003`, question: "Who won the 2018 football world cup?", answerable: false, tags: ["unanswerable"] },
  ];
  return {
    [path.join(corporaDir, name, "corpus.json")]: `${JSON.stringify(manifest, null, 2)}\n`,
    [path.join(corporaDir, name, "README.md")]: readme,
    [path.join(corporaDir, name, "docs", "example-policy.md")]: example,
    [path.join(evalsDir, `${name}.jsonl`)]: `${evalCases.map((evalCase) => JSON.stringify(evalCase)).join("\n")}\n`,
  };
}

/** Creates a new corpus folder and eval set from templates; refuses to overwrite an existing one. */
export async function scaffoldCorpus(name: string, corporaDir: string, evalsDir: string): Promise<string[]> {
  if (!NAME.test(name)) throw new CorpusError(`Corpus name "${name}" must use lower-case letters, digits, '-' and '_'.`);
  const files = scaffoldFiles(name, corporaDir, evalsDir);
  for (const file of Object.keys(files)) {
    if (await stat(file).then(() => true, () => false)) throw new CorpusError(`${file} already exists; pick another name or remove it.`);
  }
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  await mkdir(path.join(corporaDir, name, "data"), { recursive: true });
  return Object.keys(files);
}
