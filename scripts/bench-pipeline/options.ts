import { parseArgs } from "node:util";
import { z } from "zod";

export const USAGE =
  "Usage: npm run bench:pipeline -- [--size 10k,100k] [--1m] [--corpus <folder with corpus.json>] [--questions 200] [--out docs/BENCHMARKS-PIPELINE.md] [--json reports/bench-pipeline.json] [--check <earlier bench-pipeline.json>] [--ingest-workers 1,2]";

export interface PipelineOptions {
  /** Synthetic corpus sizes (target chunk counts), ascending. */
  sizes: { label: string; count: number }[];
  /** Extra corpus folders to run as they are. */
  corpora: string[];
  questions: number;
  out: string;
  json: string;
  /** An earlier report: the ranked chunk ids and answers of every run must match it. */
  check: string | undefined;
  /** Ingest each corpus once per worker count, in this order (each build in its own folder), and serve the last; empty: once, with the default. */
  ingestWorkers: number[];
}

const SizeSchema = z
  .string()
  .regex(/^\d+(k|m)?$/i, 'a size is a count such as "10k", "100k", "1m" or "25000"')
  .transform((text) => {
    const unit = text.slice(-1).toLowerCase();
    const multiplier = unit === "k" ? 1_000 : unit === "m" ? 1_000_000 : 1;
    return { label: text.toLowerCase(), count: Number.parseInt(text, 10) * multiplier };
  });

const OptionsSchema = z.object({
  size: z.array(z.string()).optional(),
  "1m": z.boolean().default(false),
  corpus: z.array(z.string().min(1)).default([]),
  questions: z.coerce.number().int().min(10).max(10_000).default(200),
  out: z.string().min(1).default("docs/BENCHMARKS-PIPELINE.md"),
  json: z.string().min(1).default("reports/bench-pipeline.json"),
  check: z.string().min(1).optional(),
  "ingest-workers": z
    .string()
    .regex(/^\d+(,\d+)*$/, "worker counts such as 1,2")
    .transform((text) => text.split(",").map(Number))
    .refine((counts) => counts.every((count) => count >= 1), "worker counts from 1")
    .optional(),
});

/** Parses the benchmark's argv: without `--size`, 10k and 100k synthetic chunks unless only `--corpus` is given. */
export function parsePipelineOptions(argv: string[]): PipelineOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: "string", multiple: true },
      "1m": { type: "boolean" },
      corpus: { type: "string", multiple: true },
      questions: { type: "string" },
      out: { type: "string" },
      json: { type: "string" },
      check: { type: "string" },
      "ingest-workers": { type: "string" },
    },
    strict: true,
  });
  const parsed = OptionsSchema.parse(values);
  const defaultSizes = parsed.corpus.length > 0 ? [] : ["10k", "100k"];
  const labels = (parsed.size ?? defaultSizes).flatMap((entry) => entry.split(",")).filter(Boolean);
  if (parsed["1m"]) labels.push("1m");
  const sizes = [...new Map(labels.map((label) => SizeSchema.parse(label)).map((size) => [size.count, size])).values()].sort((a, b) => a.count - b.count);
  return { sizes, corpora: parsed.corpus, questions: parsed.questions, out: parsed.out, json: parsed.json, check: parsed.check, ingestWorkers: parsed["ingest-workers"] ?? [] };
}
