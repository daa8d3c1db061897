import type pg from "pg";
import type { ScoringSettings } from "../../config/scoring.js";
import type { Filters } from "../filters.js";
import { filtersToSql } from "./sql-filters.js";

/** The question's lexemes (english stemming, stop words dropped) OR-ed into a tsquery, built without re-parsing them. */
export const QUERY_CTE = `q AS (
  SELECT array_agg(lexeme) AS lexemes, string_agg(quote_literal(lexeme), ' | ')::tsquery AS query
  FROM unnest(tsvector_to_array(to_tsvector('english', $1))) AS lexeme
  WHERE strpos(lexeme, chr(39)) = 0 AND strpos(lexeme, chr(92)) = 0
)`;

/** ts_rank_cd weights {D, C, B, A}: a heading match (A) counts 1.5 times a body match (B), as in the embedded BM25. */
export const RANK_SQL = `ts_rank_cd('{0.1, 0.2, 0.6667, 1.0}', tsv, q.query, 1)`;

/** Tokens of one field of a row's tsvector: positions carrying that weight (A heading, B text). */
const fieldLength = (weight: "A" | "B", column = "tsv") => `(SELECT count(*) FROM unnest(${column}) AS u, unnest(u.weights) AS w WHERE w = '${weight}')`;

/** What BM25 needs of a build's chunks, read once at load: field lengths per chunk and document frequencies per lexeme. */
export interface FieldStatistics {
  rows: number;
  averageHeading: number;
  averageText: number;
  /** Tokens of the heading (A) and text (B) of each chunk, by label. */
  lengths: Map<number, { heading: number; text: number }>;
  /** Chunks whose heading (A) or text (B) holds the lexeme. */
  headingFrequency: Map<string, number>;
  textFrequency: Map<string, number>;
}

export async function fieldStatistics(pool: pg.Pool, table: string): Promise<FieldStatistics> {
  const lengths = await pool.query<{ label: number; heading: string; text: string }>(`SELECT label, ${fieldLength("A")} AS heading, ${fieldLength("B")} AS text FROM ${table}`);
  const frequency = async (weight: "A" | "B") => {
    const result = await pool.query<{ word: string; ndoc: number }>(`SELECT word, ndoc FROM ts_stat('SELECT tsv FROM ${table}', '${weight}')`);
    return new Map(result.rows.map((row) => [row.word, Number(row.ndoc)]));
  };
  const byLabel = new Map(lengths.rows.map((row) => [row.label, { heading: Number(row.heading), text: Number(row.text) }]));
  const mean = (pick: (entry: { heading: number; text: number }) => number) => [...byLabel.values()].reduce((sum, entry) => sum + pick(entry), 0) / Math.max(1, byLabel.size);
  return {
    rows: byLabel.size,
    averageHeading: mean((entry) => entry.heading),
    averageText: mean((entry) => entry.text),
    lengths: byLabel,
    headingFrequency: await frequency("A"),
    textFrequency: await frequency("B"),
  };
}

/** Full-text candidates whose BM25 is computed for the support. */
const SUPPORT_CANDIDATES = 20;
/** MiniSearch's BM25+ parameters, so the score is on the embedded backend's scale. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

const bm25 = (termFrequency: number, documentFrequency: number, rows: number, length: number, averageLength: number): number => {
  const idf = Math.log(1 + (rows - documentFrequency + 0.5) / (documentFrequency + 0.5));
  return idf * (BM25.d + (termFrequency * (BM25.k + 1)) / (termFrequency + BM25.k * (1 - BM25.b + (BM25.b * length) / (averageLength || 1))));
};

/**
 * Lexical support on Postgres, on the embedded backend's scale: the top full-text candidates (by
 * `ts_rank_cd`, filters applied) are scored with MiniSearch's BM25+ formula from the tsvector's term
 * frequencies, field lengths and document frequencies; the best one (score x matched terms, as MiniSearch
 * ranks) gives its score per matched term, squashed by x / (x + 30). Stemming and stop words are
 * Postgres's english configuration, so values are close to, not equal to, the embedded backend's.
 */
export async function pgLexicalSupport(
  pool: pg.Pool,
  table: string,
  statistics: FieldStatistics,
  sparse: ScoringSettings["sparse"],
  query: string,
  filters?: Filters,
): Promise<number> {
  const { clauses, parameters } = filtersToSql(filters, "metadata", 1);
  // Term frequencies per field in the top candidates; lengths and document frequencies come from memory.
  const result = await pool.query<{ label: number; lexeme: string; weight: string; tf: string }>(
    `WITH ${QUERY_CTE},
     candidates AS (
       SELECT label, tsv FROM ${table}, q
       WHERE tsv @@ q.query ${clauses.map((clause) => `AND ${clause}`).join(" ")}
       ORDER BY ${RANK_SQL} DESC, label ASC LIMIT ${SUPPORT_CANDIDATES}
     )
     SELECT c.label, u.lexeme, w.weight, count(*) AS tf
     FROM candidates AS c, q, unnest(c.tsv) AS u, unnest(u.weights) AS w(weight)
     WHERE u.lexeme = ANY(q.lexemes) AND w.weight IN ('A', 'B')
     GROUP BY c.label, u.lexeme, w.weight`,
    [query, ...parameters],
  );
  const byChunk = new Map<number, { score: number; terms: Set<string> }>();
  for (const row of result.rows) {
    const length = statistics.lengths.get(row.label) ?? { heading: 0, text: 0 };
    const score =
      row.weight === "A"
        ? sparse.headingBoost * bm25(Number(row.tf), statistics.headingFrequency.get(row.lexeme) ?? 1, statistics.rows, length.heading, statistics.averageHeading)
        : bm25(Number(row.tf), statistics.textFrequency.get(row.lexeme) ?? 1, statistics.rows, length.text, statistics.averageText);
    const entry = byChunk.get(row.label) ?? { score: 0, terms: new Set<string>() };
    entry.score += score;
    entry.terms.add(row.lexeme);
    byChunk.set(row.label, entry);
  }
  let best: { score: number; terms: Set<string> } | undefined;
  for (const entry of byChunk.values()) if (!best || entry.score * entry.terms.size > best.score * best.terms.size) best = entry;
  if (!best) return 0;
  // MiniSearch multiplies a result's score by its matched terms; the embedded backend divides it back out.
  const perTerm = best.score;
  return perTerm / (perTerm + sparse.lexicalHalfSupport);
}
