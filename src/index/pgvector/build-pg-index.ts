import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGVectorStore } from "@langchain/community/vectorstores/pgvector";
import type pg from "pg";
import type { LoadedCorpus } from "../../corpus/load-corpus.js";
import type { BuildResult } from "../build-index.js";
import { hnswFor } from "../hnsw-settings.js";
import { chunkToDocument } from "../stored-chunk.js";
import { buildManifest, newBuildId, type PrepareOptions, type PreviousSource, prepareBuild } from "../prepare-build.js";
import { type CurrentBuild, SCHEMA_SQL, chunkIndexesSql, chunksTable, chunksTableSql, readCurrentBuild, restoreBuildFiles, saveBuildFiles } from "./pg-schema.js";

/** Full-text settings of the Postgres backend, recorded in the manifest. Not BM25: `ts_rank_cd` cover density. */
export const PG_SPARSE_SETTINGS = { engine: "postgres-tsvector-ts_rank_cd", fields: ["heading", "text"], stopWords: "postgres-english", stemmer: "snowball-english" };

/** Rows per INSERT statement (PGVectorStore's chunkSize). */
const INSERT_BATCH = 200;

/** The current Postgres build as the shared build step sees it. */
function databaseSource(pool: pg.Pool, current: CurrentBuild): PreviousSource {
  return {
    manifest: current.manifest,
    async vectors(chunkIds) {
      const result = await pool.query<{ chunk_id: string; embedding: string }>(
        `SELECT chunk_id, embedding::text AS embedding FROM ${current.table} WHERE chunk_id = ANY($1::text[])`,
        [chunkIds],
      );
      return new Map(result.rows.map((row) => [row.chunk_id, JSON.parse(row.embedding) as number[]]));
    },
    async embedder(provider) {
      const directory = await mkdtemp(path.join(os.tmpdir(), "rag-model-"));
      try {
        await restoreBuildFiles(pool, current.buildId, directory, current.manifest.derived);
        return await provider.load(directory);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Builds the index of a corpus into PostgreSQL: a new chunks table (rows written by PGVectorStore in
 * batches, then the HNSW and GIN indexes), the embedder's files, the manifest, and the switch of
 * `rag_current`, all in ONE transaction. A failure at any point rolls it back: the previous build
 * stays current and queryable. Incremental like the embedded backend: unchanged chunk ids keep their
 * vectors from the current build's table. Builds older than the previous one are dropped afterwards
 * (the previous one is kept for replicas that have not restarted yet).
 *
 * `openWriter` gives a pool of ONE connection: PGVectorStore sends its INSERTs through `pool.query`,
 * and with a single connection they run inside the transaction begun on it.
 */
export async function buildPgIndex(pool: pg.Pool, openWriter: () => pg.Pool, loaded: LoadedCorpus, options: PrepareOptions): Promise<BuildResult> {
  const corpusName = loaded.corpus.manifest.name;
  await pool.query(SCHEMA_SQL);
  const current = await readCurrentBuild(pool, corpusName).catch(() => undefined);
  const previous = current ? databaseSource(pool, current) : undefined;
  const prepared = await prepareBuild(loaded, previous, options);
  const { chunks, vectors, dimensions, timings } = prepared;
  const buildId = newBuildId();
  const table = chunksTable(buildId);

  let mark = performance.now();
  const modelDir = await mkdtemp(path.join(os.tmpdir(), "rag-model-"));
  const writer = openWriter();
  try {
    await writer.query("BEGIN");
    // One build per corpus at a time, whichever machine runs it; released at COMMIT or ROLLBACK.
    await writer.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`rag-build:${corpusName}`]);
    await writer.query(chunksTableSql(table, dimensions));
    const store = new PGVectorStore(prepared.embeddings, { pool: writer, tableName: table, columns: { contentColumnName: "text" }, distanceStrategy: "cosine", chunkSize: INSERT_BATCH });
    await store.addVectors(vectors, chunks.map((chunk, label) => chunkToDocument(chunk, label)));
    for (const statement of chunkIndexesSql(table, hnswFor(options.hnsw, chunks.length))) await writer.query(statement);
    timings.index = performance.now() - mark;

    mark = performance.now();
    await options.provider.persist(prepared.embeddings, modelDir);
    const derivedStarted = performance.now();
    const derived = (await options.derived?.(chunks)) ?? [];
    if (options.derived) {
      timings.derived = performance.now() - derivedStarted;
      options.onStage?.("derived", `${derived.map((file) => file.name).join(", ")} computed from ${chunks.length} chunks`);
    }
    for (const file of derived) await writeFile(path.join(modelDir, file.name), file.data);
    timings.save = performance.now() - mark;
    timings.total = performance.now() - prepared.started;
    const manifest = {
      ...buildManifest(loaded, prepared, { buildId, previous, provider: options.provider, hnsw: hnswFor(options.hnsw, chunks.length), sparse: PG_SPARSE_SETTINGS }),
      ...(options.derived ? { derived: derived.map((file) => file.name) } : {}),
    };
    await writer.query("INSERT INTO rag_builds (build_id, corpus, chunks_table, manifest) VALUES ($1, $2, $3, $4)", [buildId, corpusName, table, manifest]);
    await saveBuildFiles(writer, buildId, modelDir);
    await writer.query(
      "INSERT INTO rag_current (corpus, build_id) VALUES ($1, $2) ON CONFLICT (corpus) DO UPDATE SET build_id = EXCLUDED.build_id",
      [corpusName, buildId],
    );
    await writer.query("COMMIT");
    options.onStage?.("save", `build ${buildId} is current (table ${table})`);
    await dropOldBuilds(writer, corpusName, [buildId, current?.buildId].filter((id): id is string => id !== undefined));
    const size = await writer.query<{ bytes: string }>(
      "SELECT pg_total_relation_size($1::regclass) + (SELECT coalesce(sum(octet_length(content)), 0) FROM rag_build_files WHERE build_id = $2) AS bytes",
      [table, buildId],
    );
    return { manifest, directory: `postgres:${table}`, sizeBytes: Number(size.rows[0]?.bytes ?? 0) };
  } catch (error) {
    await writer.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await writer.end();
    await rm(modelDir, { recursive: true, force: true });
  }
}

/** Drops the tables and rows of a corpus's builds other than those kept. */
async function dropOldBuilds(client: pg.Pool, corpus: string, keep: string[]): Promise<void> {
  const old = await client.query<{ build_id: string; chunks_table: string }>(
    "SELECT build_id, chunks_table FROM rag_builds WHERE corpus = $1 AND NOT (build_id = ANY($2::text[]))",
    [corpus, keep],
  );
  for (const row of old.rows) {
    await client.query(`DROP TABLE IF EXISTS ${chunksTable(row.build_id)}`);
    await client.query("DELETE FROM rag_builds WHERE build_id = $1", [row.build_id]);
  }
}
