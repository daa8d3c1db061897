import { parseArgs } from "node:util";
import { z } from "zod";

export const USAGE = "Usage: npm run bench:index -- [--size 10k|100k|1m ...] [--queries 500] [--no-sweep] [--out docs/BENCHMARKS-INDEX.md]";

export interface BenchOptions {
  /** Corpus sizes, ascending, with the label they were asked by. */
  sizes: { label: string; count: number }[];
  queries: number;
  sweep: boolean;
  out: string | undefined;
}

const SizeSchema = z
  .string()
  .regex(/^\d+(k|m)?$/i, 'a size is a count such as "10k", "100k", "1m" or "25000"')
  .transform((text) => {
    const unit = text.slice(-1).toLowerCase();
    const multiplier = unit === "k" ? 1_000 : unit === "m" ? 1_000_000 : 1;
    const count = Number.parseInt(text, 10) * multiplier;
    return { label: text.toLowerCase(), count };
  })
  .refine((size) => size.count >= 1_000, "a corpus needs at least 1000 chunks (the queries are compared with its top 10)");

const OptionsSchema = z.object({
  size: z.array(z.string()).default(["10k", "100k"]),
  queries: z.coerce.number().int().min(20).default(500),
  "no-sweep": z.boolean().default(false),
  out: z.string().min(1).optional(),
});

/** Parses argv (without node and the script); throws with the usage line on anything unknown or invalid. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        size: { type: "string", multiple: true },
        queries: { type: "string" },
        "no-sweep": { type: "boolean" },
        out: { type: "string" },
      },
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${z.prettifyError(parsed.error)}\n${USAGE}`);
  const sizes = z.array(SizeSchema).safeParse(parsed.data.size.flatMap((entry) => entry.split(",")).map((entry) => entry.trim()));
  if (!sizes.success) throw new Error(`--size: ${z.prettifyError(sizes.error)}\n${USAGE}`);
  const unique = new Map(sizes.data.map((size) => [size.count, size]));
  return {
    sizes: [...unique.values()].sort((a, b) => a.count - b.count),
    queries: parsed.data.queries,
    sweep: !parsed.data["no-sweep"],
    out: parsed.data.out,
  };
}
