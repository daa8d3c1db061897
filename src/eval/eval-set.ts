import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { SourceDocument } from "../corpus/types.js";
import { AppError } from "../errors.js";
import { unifyTypography } from "../text/normalise.js";

/** A fact an answer must contain: a string, optionally with aliases or a regular expression. */
export const FactSchema = z.union([
  z.string().min(1),
  z
    .object({
      value: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      regex: z.string().min(1).optional(),
    })
    .strict(),
]);

export const EvidenceSchema = z.object({ doc: z.string().min(1), quote: z.string().min(3) }).strict();

export const EVAL_TAGS = ["lookup", "numeric", "multi-doc", "comparison", "temporal", "procedure", "paraphrase", "typo", "unanswerable"] as const;

export const EvalCaseSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' and '-'"),
    question: z.string().min(3),
    answerable: z.boolean(),
    tags: z.array(z.string().min(1)).min(1),
    evidence: z.array(EvidenceSchema).default([]),
    facts: z.array(FactSchema).default([]),
    reference: z.string().min(1).optional(),
    forbidden: z.array(FactSchema).default([]),
    filters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
    notes: z.string().optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.answerable && value.evidence.length === 0) {
      context.addIssue({ code: "custom", path: ["evidence"], message: "an answerable case needs at least one {doc, quote}" });
    }
    if (!value.answerable && (value.evidence.length > 0 || value.facts.length > 0)) {
      context.addIssue({ code: "custom", path: ["answerable"], message: "an unanswerable case has no evidence and no facts" });
    }
    if (value.answerable === value.tags.includes("unanswerable")) {
      context.addIssue({ code: "custom", path: ["tags"], message: "the 'unanswerable' tag must be present exactly when answerable is false" });
    }
  });

export type EvalCase = z.infer<typeof EvalCaseSchema>;
export type Fact = z.infer<typeof FactSchema>;

/** An eval set that could not be read; `problems` lists every bad line with its number and field. */
export class EvalSetError extends AppError {
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super("invalid_eval_set", `${file} has ${problems.length} problem(s):\n  ${problems.slice(0, 50).join("\n  ")}`, { details: problems });
    this.problems = problems;
  }
}

/**
 * Reads every case as unanswerable, for asking a corpus the questions of another one: answerable
 * false, evidence, facts, forbidden facts and reference dropped, the `unanswerable` tag set (the others
 * kept). Filters go too: they name the other corpus's metadata. Each case is validated again.
 */
export function asUnanswerable(cases: EvalCase[]): EvalCase[] {
  return cases.map((evalCase) =>
    EvalCaseSchema.parse({
      id: evalCase.id,
      question: evalCase.question,
      answerable: false,
      tags: [...new Set([...evalCase.tags, "unanswerable"])],
      ...(evalCase.notes === undefined ? {} : { notes: evalCase.notes }),
    }),
  );
}

/** Collapses runs of whitespace and unifies quotes and dashes, so quotes survive re-chunking and reformatting. */
export function normaliseWhitespace(text: string): string {
  return unifyTypography(text).trim().toLowerCase();
}

/** Parses JSONL text into cases; every bad line is reported with its number and the field at fault. */
export function parseEvalSet(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === "" || line.trimStart().startsWith("//")) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      problems.push(`line ${lineNumber}: not valid JSON (${(error as Error).message})`);
      return;
    }
    const parsed = EvalCaseSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`line ${lineNumber}: ${issue.path.join(".") || "(case)"}: ${issue.message}`);
      return;
    }
    if (ids.has(parsed.data.id)) problems.push(`line ${lineNumber}: id: "${parsed.data.id}" is used twice`);
    ids.add(parsed.data.id);
    cases.push(parsed.data);
  });
  if (problems.length > 0) throw new EvalSetError(file, problems);
  return cases;
}

/** Checks that every gold quote occurs verbatim (whitespace-normalised) in its document, so the set cannot rot silently. */
export function verifyEvidence(cases: EvalCase[], documents: SourceDocument[], file: string): void {
  const texts = new Map(documents.map((document) => [document.id, normaliseWhitespace(document.text)]));
  const problems: string[] = [];
  for (const evalCase of cases) {
    evalCase.evidence.forEach((evidence, position) => {
      const text = texts.get(evidence.doc);
      if (text === undefined) problems.push(`${evalCase.id}: evidence.${position}.doc: no document "${evidence.doc}" in the corpus`);
      else if (!text.includes(normaliseWhitespace(evidence.quote))) {
        problems.push(`${evalCase.id}: evidence.${position}.quote: not found in "${evidence.doc}": ${JSON.stringify(evidence.quote.slice(0, 80))}`);
      }
    });
  }
  const cited = new Set(cases.flatMap((evalCase) => evalCase.evidence.map((evidence) => evidence.doc)));
  if (cited.size > 0 && [...cited].every((doc) => !texts.has(doc))) {
    problems.unshift("no document the set cites is in this corpus: to ask it another corpus's questions, each read as unanswerable, pass --as-unanswerable");
  }
  if (problems.length > 0) throw new EvalSetError(file, problems);
}

export async function readEvalSet(file: string): Promise<EvalCase[]> {
  return parseEvalSet(await readFile(file, "utf8"), file);
}
