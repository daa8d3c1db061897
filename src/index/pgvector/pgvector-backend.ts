import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import type pg from "pg";
import type { Chunk } from "../../chunking/types.js";
import type { ScoringSettings } from "../../config/scoring.js";
import type { EmbedderProvider } from "../../embeddings/embedder-provider.js";
import { IndexNotFoundError, IndexStaleError } from "../../errors.js";
import type { Filters } from "../filters.js";
import { type IndexExpectations, staleReasons } from "../index-manifest.js";
import type { ScoredLabel, SearchBackend, SparseMatches } from "../search-backend.js";
import { CHUNK_TEXTS_FILE, ChunkTextFile, ChunkTextWriter, readTextOnDemand } from "../chunk-texts.js";
import { documentToChunk } from "../stored-chunk.js";
import { type FieldStatistics, fieldStatistics, pgLexicalSupport, QUERY_CTE, RANK_SQL } from "./pg-lexical-support.js";
import { filtersToSql } from "./sql-filters.js";
import { type CurrentBuild, readBuildFile, readCurrentBuild, restoreBuildFiles } from "./pg-schema.js";

export interface LoadPgIndexOptions {
  provider: EmbedderProvider;
  expected: IndexExpectations;
  fixCommand: string;
  scoring: ScoringSettings;
}

/** Loads the current Postgres build of a corpus, refusing one that does not match the config or the corpus. */
export async function loadPgIndex(pool: pg.Pool, options: LoadPgIndexOptions): Promise<SearchBackend> {
  const current = await readCurrentBuild(pool, options.expected.corpusName);
  if (!current) {
    throw new IndexNotFoundError(`No index for corpus "${options.expected.corpusName}" in the Postgres database (INDEX_BACKEND=pgvector). Build it with: ${options.fixCommand}`);
  }
  const reasons = staleReasons(current.manifest, options.expected);
  if (reasons.length > 0) {
    throw new IndexStaleError(
      `The index for corpus "${options.expected.corpusName}" in Postgres is out of date (${reasons.join("; ")}). Rebuild it with: ${options.fixCommand}`,
      reasons,
    );
  }
  const directory = await mkdtemp(path.join(os.tmpdir(), "rag-model-"));
  let embeddings: Embeddings;
  try {
    await restoreBuildFiles(pool, current.buildId, directory, current.manifest.derived);
    embeddings = await options.provider.load(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const rows = await pool.query<{ metadata: Record<string, unknown> }>(`SELECT metadata FROM ${current.table} ORDER BY label`);
  const chunks = rows.rows.map((row) => documentToChunk({ id: String(row.metadata.chunkId), pageContent: "", metadata: row.metadata }));
  const texts = await copyChunkTexts(pool, current.table, chunks.length);
  chunks.forEach((chunk, label) => readTextOnDemand(chunk, texts, label));
  try {
    return pgvectorBackend(pool, current, embeddings, chunks, texts, await fieldStatistics(pool, current.table), options.scoring);
  } catch (error) {
    texts.close();
    throw error;
  }
}

/** Rows per query when a replica copies its build's chunk texts out of Postgres. */
const TEXT_COPY_BATCH = 2000;

/**
 * The build's chunk texts, copied out of Postgres in batches of labels into a local chunk text file
 * and read from it on demand, as the embedded backend reads its own: a replica holds only offsets in
 * memory, not the corpus's text. The file is unlinked once open, so it leaves nothing behind when the
 * process ends (the open descriptor keeps it readable until then).
 */
async function copyChunkTexts(pool: pg.Pool, table: string, count: number): Promise<ChunkTextFile> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "rag-texts-"));
  const file = path.join(directory, CHUNK_TEXTS_FILE);
  try {
    const writer = ChunkTextWriter.create(file, count);
    try {
      for (let from = 0; from < count; from += TEXT_COPY_BATCH) {
        const batch = await pool.query<{ label: number; text: string }>(`SELECT label, text FROM ${table} WHERE label >= $1 AND label < $2 ORDER BY label`, [
          from,
          from + TEXT_COPY_BATCH,
        ]);
        batch.rows.forEach((row, offset) => {
          if (Number(row.label) !== from + offset) throw new Error(`the chunks table ${table} has no chunk ${from + offset}: its labels are not 0..${count - 1}`);
          writer.append(row.text);
        });
      }
      writer.finish();
    } catch (error) {
      writer.abandon();
      throw error;
    }
    return ChunkTextFile.open(file);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * The PostgreSQL backend. Dense: the same query PGVectorStore runs (`embedding <=> $1` ordered, the
 * HNSW index with cosine distance), with this project's filters in the WHERE clause: PGVectorStore's
 * own filter builder is private and matches values exactly, without case folding or ISO-date ranges.
 * Sparse: Postgres full-text search, the question's lexemes OR-ed and ranked by `ts_rank_cd`
 * (cover density, length-normalised), which is NOT BM25: scores and ties differ from the embedded
 * backend. Lexical support: BM25 recomputed over the top full-text candidates (pg-lexical-support.ts).
 */
function pgvectorBackend(
  pool: pg.Pool,
  current: CurrentBuild,
  embeddings: Embeddings,
  chunks: Chunk[],
  texts: ChunkTextFile,
  statistics: FieldStatistics,
  scoring: ScoringSettings,
): SearchBackend {
  const { table } = current;
  return {
    kind: "pgvector",
    manifest: current.manifest,
    embeddings,
    chunks,
    derivedFile: async (name) => (current.manifest.derived?.includes(name) ? readBuildFile(pool, current.buildId, name) : undefined),
    close: () => texts.close(),
    async dense(vector: number[], k: number, filters?: Filters): Promise<ScoredLabel[]> {
      const { clauses, parameters } = filtersToSql(filters, "metadata", 2);
      const result = await pool.query<{ label: number; distance: number }>(
        `SELECT label, embedding <=> $1::vector AS distance FROM ${table}
         ${clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : ""}
         ORDER BY distance ASC LIMIT $2`,
        [`[${vector.join(",")}]`, k, ...parameters],
      );
      return result.rows.map((row) => ({ label: Number(row.label), score: 1 - Number(row.distance) }));
    },
    async sparse(query: string, k: number, filters?: Filters): Promise<SparseMatches> {
      const { clauses, parameters } = filtersToSql(filters, "metadata", 2);
      const result = await pool.query<{ label: number; score: number }>(
        `WITH ${QUERY_CTE}
         SELECT label, ${RANK_SQL} AS score FROM ${table}, q
         WHERE tsv @@ q.query ${clauses.map((clause) => `AND ${clause}`).join(" ")}
         ORDER BY score DESC, label ASC LIMIT $2`,
        [query, k, ...parameters],
      );
      return {
        hits: result.rows.map((row) => ({ label: Number(row.label), score: Number(row.score) })),
        lexicalSupport: () => pgLexicalSupport(pool, table, statistics, scoring.sparse, query, filters),
      };
    },
  };
}
