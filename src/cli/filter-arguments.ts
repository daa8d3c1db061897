import { type Filters, FiltersSchema } from "../index/filters.js";

/** Parses CLI `--filter key=value` pairs: `a|b` is any-of, `>=2026-01-01` and `<=...` are ranges. */
export function parseFilterArguments(pairs: string[]): Filters {
  // Without a prototype, "__proto__=x" is an own key the schema rejects rather than a prototype change.
  const filters: Filters = Object.create(null) as Filters;
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    if (separator <= 0) throw new Error(`--filter expects key=value, got "${pair}"`);
    const key = pair.slice(0, separator).trim();
    const raw = pair.slice(separator + 1).trim();
    if (raw.startsWith(">=")) filters[key] = { ...(filters[key] as object), gte: raw.slice(2) };
    else if (raw.startsWith("<=")) filters[key] = { ...(filters[key] as object), lte: raw.slice(2) };
    else if (raw.includes("|")) filters[key] = raw.split("|").map((value) => value.trim());
    else filters[key] = raw;
  }
  return FiltersSchema.parse(filters);
}
