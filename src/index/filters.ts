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

/** Keys that name Object.prototype, not a metadata field: `__proto__` would be dropped on parse, `constructor` would match a function. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype", ...Object.getOwnPropertyNames(Object.prototype)]);

/** True for `__proto__`, `constructor`, `prototype` and the other Object.prototype member names. */
export const isReservedFilterKey = (key: string): boolean => RESERVED_KEYS.has(key);
export const RESERVED_FILTER_KEY_MESSAGE = "filter keys cannot be __proto__, constructor, prototype or another Object.prototype member";

/** Copies parsed filters into an object without a prototype, so no key can reach Object.prototype. */
export function withoutPrototype<T>(record: Record<string, T>): Record<string, T> {
  return Object.setPrototypeOf(Object.fromEntries(Object.entries(record)), null) as Record<string, T>;
}

/**
 * A zod preprocess step: one issue per reserved key of the raw object. (zod's record skips a
 * `__proto__` key without an issue, so the check has to see the input before the record does.)
 */
export function rejectReservedKeys(value: unknown, context: z.RefinementCtx): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  for (const key of Object.keys(value)) {
    if (isReservedFilterKey(key)) context.addIssue({ code: "custom", path: [key], message: RESERVED_FILTER_KEY_MESSAGE, input: key });
  }
  return value;
}

/** Metadata filters keyed by front-matter field: `{doc_type: "rate-sheet", effective_date: {gte: "2026-01-01"}}`. */
export const FiltersSchema = z.preprocess(rejectReservedKeys, z.record(z.string().min(1), FilterValueSchema)).overwrite(withoutPrototype);
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
  return (metadata) => entries.every(([key, expected]) => matchesValue(Object.hasOwn(metadata, key) ? metadata[key] : undefined, expected));
}
