import type { FilterValue, Filters } from "../filters.js";

/** WHERE conditions and their parameters, numbered from a given offset. */
export interface SqlConditions {
  clauses: string[];
  parameters: unknown[];
}

const NUMERIC = String.raw`^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$`;

/**
 * Translates metadata filters to SQL over a JSONB column, with the semantics of `metadataPredicate`
 * (filters.ts): every key must match (AND); a scalar matches case-insensitively; a list matches any of
 * its values; a range compares strings (ISO dates) or numbers; a metadata array matches when one of
 * its elements does; a missing key never matches. Keys and values are bound parameters, never spliced.
 */
export function filtersToSql(filters: Filters | undefined, column: string, offset: number): SqlConditions {
  const clauses: string[] = [];
  const parameters: unknown[] = [];
  const bind = (value: unknown): string => {
    parameters.push(value);
    return `$${offset + parameters.length}`;
  };
  for (const [key, expected] of Object.entries(filters ?? {})) {
    const field = `${column} -> ${bind(key)}::text`;
    // One row per value: the elements of an array, or the scalar itself.
    const values = `jsonb_array_elements_text(CASE jsonb_typeof(${field}) WHEN 'array' THEN ${field} ELSE jsonb_build_array(${field}) END)`;
    clauses.push(`EXISTS (SELECT 1 FROM ${values} AS element(value) WHERE ${condition(expected, bind)})`);
  }
  return { clauses, parameters };
}

function condition(expected: FilterValue, bind: (value: unknown) => string): string {
  if (Array.isArray(expected)) return `lower(element.value) = ANY(${bind(expected.map((value) => value.toLowerCase()))}::text[])`;
  if (typeof expected === "object") {
    const bounds: string[] = [];
    for (const [bound, operator] of [[expected.gte, ">="], [expected.lte, "<="]] as const) {
      if (bound === undefined) continue;
      bounds.push(
        typeof bound === "number"
          ? `(CASE WHEN element.value ~ '${NUMERIC}' THEN element.value::numeric END) ${operator} ${bind(bound)}::numeric`
          : `lower(element.value) COLLATE "C" ${operator} ${bind(bound.toLowerCase())}::text COLLATE "C"`,
      );
    }
    return bounds.join(" AND ");
  }
  return `lower(element.value) = ${bind(String(expected).toLowerCase())}::text`;
}
