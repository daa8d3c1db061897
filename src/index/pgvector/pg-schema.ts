import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { IndexStaleError } from "../../errors.js";
import { type IndexManifest, IndexManifestSchema } from "../index-manifest.js";

/**
 * The tables of the PostgreSQL backend. Every build gets its own chunks table; `rag_builds` lists the
 * builds, `rag_build_files` holds what the embedder saved (the fitted LSA model), and `rag_current`
 * points each corpus at one build. A build becomes visible only when `rag_current` is switched, in
 * the same transaction that wrote it.
 */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS rag_builds (
  build_id text PRIMARY KEY,
  corpus text NOT NULL,
  chunks_table text NOT NULL,
  manifest jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS rag_build_files (
  build_id text NOT NULL REFERENCES rag_builds (build_id) ON DELETE CASCADE,
  name text NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (build_id, name)
);
CREATE TABLE IF NOT EXISTS rag_current (
  corpus text PRIMARY KEY,
  build_id text NOT NULL REFERENCES rag_builds (build_id)
);`;

/** The chunks table of a build: a name derived from the build id (letters, digits and underscores only). */
export function chunksTable(buildId: string): string {
  return `rag_chunks_${buildId.toLowerCase().replace(/[^a-z0-9]/g, "_")}`.slice(0, 63);
}

/**
 * One row per chunk. The column names are PGVectorStore's (`text`, `metadata`, `embedding`); `label`
 * (the chunk's position in the build) and `chunk_id` come from the metadata, and `tsv` is the
 * full-text vector, headings weighted A and body text B.
 */
export function chunksTableSql(table: string, dimensions: number): string {
  return `CREATE TABLE ${table} (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  text text NOT NULL,
  metadata jsonb NOT NULL,
  embedding vector(${Math.trunc(dimensions)}) NOT NULL,
  label integer GENERATED ALWAYS AS ((metadata ->> 'label')::integer) STORED UNIQUE,
  chunk_id text GENERATED ALWAYS AS (metadata ->> 'chunkId') STORED,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(metadata ->> 'headingPath', '')), 'A') || setweight(to_tsvector('english', text), 'B')
  ) STORED
)`;
}

/** The HNSW (cosine) and GIN indexes of a chunks table, created after the rows are in. */
export function chunkIndexesSql(table: string, hnsw: { m: number; efConstruction: number }): string[] {
  return [
    `CREATE INDEX ${table}_embedding_hnsw ON ${table} USING hnsw (embedding vector_cosine_ops) WITH (m = ${Math.trunc(hnsw.m)}, ef_construction = ${Math.trunc(hnsw.efConstruction)})`,
    `CREATE INDEX ${table}_tsv_gin ON ${table} USING gin (tsv)`,
    `CREATE INDEX ${table}_chunk_id ON ${table} (chunk_id)`,
  ];
}

export interface CurrentBuild {
  buildId: string;
  table: string;
  manifest: IndexManifest;
}

/** The build `rag_current` points at for a corpus, or undefined when there is none (or no tables yet). */
export async function readCurrentBuild(client: pg.Pool | pg.PoolClient, corpus: string): Promise<CurrentBuild | undefined> {
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass('rag_current')::text AS found");
  if (!exists.rows[0]?.found) return undefined;
  const result = await client.query<{ build_id: string; chunks_table: string; manifest: unknown }>(
    "SELECT b.build_id, b.chunks_table, b.manifest FROM rag_current c JOIN rag_builds b USING (build_id) WHERE c.corpus = $1",
    [corpus],
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const parsed = IndexManifestSchema.safeParse(row.manifest);
  if (!parsed.success) throw new IndexStaleError(`The index manifest of build ${row.build_id} in Postgres is from another version of this project.`, ["manifest format"]);
  return { buildId: row.build_id, table: row.chunks_table, manifest: parsed.data };
}

/** The id of the current build of a corpus, without its manifest (what a replica polls). */
export async function readCurrentBuildId(client: pg.Pool | pg.PoolClient, corpus: string): Promise<string | undefined> {
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass('rag_current')::text AS found");
  if (!exists.rows[0]?.found) return undefined;
  const result = await client.query<{ build_id: string }>("SELECT build_id FROM rag_current WHERE corpus = $1", [corpus]);
  return result.rows[0]?.build_id;
}

/** Stores the files of a folder (what the embedder persisted) with a build. */
export async function saveBuildFiles(client: pg.Pool, buildId: string, directory: string): Promise<void> {
  for (const name of await readdir(directory)) {
    await client.query("INSERT INTO rag_build_files (build_id, name, content) VALUES ($1, $2, $3)", [buildId, name, await readFile(path.join(directory, name))]);
  }
}

/** Writes the files stored with a build into a folder, for the embedder to load (those named in `skip` stay in the database). */
export async function restoreBuildFiles(client: pg.Pool, buildId: string, directory: string, skip: readonly string[] = []): Promise<void> {
  await mkdir(directory, { recursive: true });
  const result = await client.query<{ name: string; content: Buffer }>("SELECT name, content FROM rag_build_files WHERE build_id = $1 AND NOT (name = ANY($2::text[]))", [buildId, [...skip]]);
  for (const row of result.rows) await writeFile(path.join(directory, path.basename(row.name)), row.content);
}

/** One file stored with a build, or undefined. */
export async function readBuildFile(client: pg.Pool, buildId: string, name: string): Promise<Buffer | undefined> {
  const result = await client.query<{ content: Buffer }>("SELECT content FROM rag_build_files WHERE build_id = $1 AND name = $2", [buildId, name]);
  return result.rows[0]?.content;
}
