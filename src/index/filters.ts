import { z } from "zod";
import type { MetadataValue } from "../corpus/types.js";

/** A filter value: equals (case-insensitive), any of a list, or a range (ISO dates or numbers). */
export const FilterValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()).min(1),
  z
    .object({ gte: z.union([z.string(), z.number()]).optional(), lte: z.union([z.string(), z.number()]).optional() })
    .strict()
    .refine((range) => range.gte !== undefined || range.lte !== undefined, "a range needs gte or lte"),
]);

/** Metadata filters keyed by front-matter field: `{doc_type: "rate-sheet", effective_date: {gte: "2026-01-01"}}`. */
export const FiltersSchema = z.record(z.string().min(1), FilterValueSchema);
export type Filters = z.infer<typeof FiltersSchema>;
export type FilterValue = z.infer<typeof FilterValueSchema>;

const lower = (value: MetadataValue | string | number | boolean): string => String(value).toLowerCase();

function matchesValue(actual: MetadataValue | undefined, expected: FilterValue): boolean {
  if (actual === undefined) return false;
  const actualValues = Array.isArray(actual) ? actual.map(lower) : [lower(actual)];
  if (Array.isArray(expected)) return expected.some((value) => actualValues.includes(value.toLowerCase()));
  if (typeof expected === "object") {
    return actualValues.some((value) => {
      const comparable = (bound: string | number) => (typeof bound === "number" ? Number(value) : value);
      if (expected.gte !== undefined && !(comparable(expected.gte) >= (typeof expected.gte === "number" ? expected.gte : expected.gte.toLowerCase()))) return false;
      if (expected.lte !== undefined && !(comparable(expected.lte) <= (typeof expected.lte === "number" ? expected.lte : expected.lte.toLowerCase()))) return false;
      return true;
    });
  }
  return actualValues.includes(lower(expected));
}

/** A predicate over chunk metadata; every filter key must match (AND), a list matches any of its values (OR). */
export function metadataPredicate(filters: Filters | undefined): ((metadata: Record<string, MetadataValue>) => boolean) | undefined {
  if (!filters || Object.keys(filters).length === 0) return undefined;
  const entries = Object.entries(filters);
  return (metadata) => entries.every(([key, expected]) => matchesValue(metadata[key], expected));
}
