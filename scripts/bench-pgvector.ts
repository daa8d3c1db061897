// pgvector benchmark (not a test): the PostgreSQL backend's HNSW index, served by PGlite (Postgres
// compiled to WASM, in this process, on one thread) on 127.0.0.1 and reached with the real `pg` client.
// Same deterministic synthetic corpus, LSA embeddings and held-out queries as `npm run bench:index`;
// the chunks table and its indexes are the project's own (pg-schema.ts), the pool is the project's
// (pg-pool.ts: `SET hnsw.ef_search`), and the query is the dense query of pgvector-backend.ts.
// Measures insert throughput, HNSW build time, and query latency and recall@10 against an exact
// brute force over the same vectors (in JS).
// Usage: npm run bench:pgvector [-- --size 10k,100k --queries 500 --out docs/BENCHMARKS-INDEX.md | --no-out]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type pg from "pg";
import { DEFAULT_LSA_OPTIONS, type LsaEmbeddings } from "../src/embeddings/lsa/lsa-embeddings.js";
import { createPool } from "../src/index/pgvector/pg-pool.js";
import { chunkIndexesSql, chunksTableSql } from "../src/index/pgvector/pg-schema.js";
import { startPgliteServer } from "../test/support/pglite-server.js";
import { embedRange, fitOnSample } from "./bench-index/embed-corpus.js";
import { computeGroundTruth, estimateRecall, type RecallEstimate } from "./bench-index/exact-search.js";
import { type LatencySummary, summarizeLatencies } from "./bench-index/latency-summary.js";
import { formatBytes, formatMs, formatRate, formatSeconds, markdownTable } from "./bench-index/markdown-table.js";
import { describeMachine } from "./bench-index/report.js";
import { type LengthRange, SyntheticCorpus } from "./bench-index/synthetic-corpus.js";
import { type VectorSet, vectorAt } from "./bench-index/vector-set.js";

// The same setup as scripts/bench-index.ts (its constants are not exported).
const DIMENSIONS = DEFAULT_LSA_OPTIONS.dimensions;
const FIT_SAMPLE = 5_000;
const QUERY_OFFSET = 1_000_000_000;
const QUERY_LENGTH: LengthRange = { minWords: 12, maxWords: 40 };
const K = 10;
const HNSW = { m: 16, efConstruction: 200 };
const EF_SEARCH = 100;
const WARM_UP = 20;
/** Rows per INSERT statement: build-pg-index.ts's INSERT_BATCH (PGVectorStore's chunkSize). */
const INSERT_BATCH = 200;
/** Memory for CREATE INDEX: the whole HNSW graph must fit, or pgvector builds it far more slowly. */
const MAINTENANCE_WORK_MEM = "1GB";
const SECTION = "## pgvector (PGlite) query figures";
const USAGE = "Usage: npm run bench:pgvector -- [--size 10k,100k] [--queries 500] [--out docs/BENCHMARKS-INDEX.md | --no-out]";

const started = performance.now();
const startLoad = os.loadavg();
const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

interface Options {
  sizes: { label: string; count: number }[];
  queries: number;
  out: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: { size: { type: "string", multiple: true }, queries: { type: "string" }, out: { type: "string" }, "no-out": { type: "boolean" } },
  });
  const sizes = (values.size ?? ["10k"]).flatMap((entry) => entry.split(",")).map((entry) => {
    const text = entry.trim().toLowerCase();
    if (!/^\d+(k|m)?$/.test(text)) throw new Error(`--size: "${entry}" is not a count such as 10k or 100k\n${USAGE}`);
    const count = Number.parseInt(text, 10) * (text.endsWith("k") ? 1_000 : text.endsWith("m") ? 1_000_000 : 1);
    if (count < 1_000) throw new Error(`--size: a corpus needs at least 1000 chunks\n${USAGE}`);
    return { label: text, count };
  });
  const queries = Number.parseInt(values.queries ?? "500", 10);
  if (!Number.isInteger(queries) || queries < 20) throw new Error(`--queries: at least 20\n${USAGE}`);
  return {
    sizes: [...new Map(sizes.map((size) => [size.count, size])).values()].sort((a, b) => a.count - b.count),
    queries,
    out: values["no-out"] ? undefined : (values.out ?? "docs/BENCHMARKS-INDEX.md"),
  };
}

interface SizeResult {
  label: string;
  count: number;
  embedMs: number;
  insertMs: number;
  hnswBuildMs: number;
  otherIndexesMs: number;
  tableBytes: number;
  hnswBytes: number;
  /** How the measured queries reached the HNSW index. */
  plan: string;
  query: LatencySummary & { recall: RecallEstimate };
  exactScanP50: number;
}

async function planUsesHnsw(pool: pg.Pool, table: string, queries: VectorSet): Promise<boolean> {
  const plan = await pool.query<{ "QUERY PLAN": string }>(
    `EXPLAIN SELECT label, embedding <=> $1::vector AS distance FROM ${table} ORDER BY distance ASC LIMIT $2`,
    [vectorLiteral(vectorAt(queries, 0)), K],
  );
  return plan.rows.some((row) => row["QUERY PLAN"].includes("_embedding_hnsw"));
}

const vectorLiteral = (vector: Float32Array): string => `[${Array.from(vector).join(",")}]`;

/** Multi-row INSERTs of the chunks, as build-pg-index.ts writes them (text, metadata with label and chunkId, embedding). */
async function insertRows(pool: pg.Pool, table: string, corpus: SyntheticCorpus, vectors: VectorSet): Promise<number> {
  let elapsed = 0;
  for (let offset = 0; offset < vectors.count; offset += INSERT_BATCH) {
    const size = Math.min(INSERT_BATCH, vectors.count - offset);
    const parameters: string[] = [];
    const rows: string[] = [];
    for (let slot = 0; slot < size; slot += 1) {
      const label = offset + slot;
      parameters.push(corpus.chunk(label), JSON.stringify({ label, chunkId: `synthetic-${label}` }), vectorLiteral(vectorAt(vectors, label)));
      const base = slot * 3;
      rows.push(`($${base + 1}, $${base + 2}::jsonb, $${base + 3}::vector)`);
    }
    const mark = performance.now();
    await pool.query(`INSERT INTO ${table} (text, metadata, embedding) VALUES ${rows.join(", ")}`, parameters);
    elapsed += performance.now() - mark;
  }
  return elapsed;
}

async function timedQueries(pool: pg.Pool, table: string, queries: VectorSet): Promise<{ latenciesMs: number[]; neighbours: number[][] }> {
  // The dense query of pgvector-backend.ts, without filters.
  const sql = `SELECT label, embedding <=> $1::vector AS distance FROM ${table} ORDER BY distance ASC LIMIT $2`;
  const literals = Array.from({ length: queries.count }, (_, index) => vectorLiteral(vectorAt(queries, index)));
  for (let index = 0; index < Math.min(WARM_UP, queries.count); index += 1) await pool.query(sql, [literals[index], K]);
  const latenciesMs: number[] = [];
  const neighbours: number[][] = [];
  for (const literal of literals) {
    const mark = performance.now();
    const result = await pool.query<{ label: number }>(sql, [literal, K]);
    latenciesMs.push(performance.now() - mark);
    neighbours.push(result.rows.map((row) => Number(row.label)));
  }
  return { latenciesMs, neighbours };
}

async function runSize(pool: pg.Pool, label: string, count: number, corpus: SyntheticCorpus, embeddings: LsaEmbeddings, queries: VectorSet): Promise<SizeResult> {
  log(`[${label}] embedding ${count} chunks`);
  const embedded = embedRange(corpus, embeddings, { start: 0, count });
  const table = `bench_chunks_${label}`;
  await pool.query(`DROP TABLE IF EXISTS ${table}`);
  await pool.query(chunksTableSql(table, embeddings.k));
  log(`[${label}] inserting ${count} rows (${INSERT_BATCH} per INSERT)`);
  const insertMs = await insertRows(pool, table, corpus, embedded.vectors);
  log(`[${label}] inserted in ${formatSeconds(insertMs)} s; CREATE INDEX ... USING hnsw (m=${HNSW.m}, ef_construction=${HNSW.efConstruction})`);
  const [hnswSql, ...otherSql] = chunkIndexesSql(table, HNSW);
  let mark = performance.now();
  await pool.query(hnswSql!);
  const hnswBuildMs = performance.now() - mark;
  log(`[${label}] HNSW built in ${formatSeconds(hnswBuildMs)} s; GIN and chunk_id indexes`);
  mark = performance.now();
  for (const statement of otherSql) await pool.query(statement);
  const otherIndexesMs = performance.now() - mark;
  await pool.query(`ANALYZE ${table}`);
  const sizes = await pool.query<{ table_bytes: string; hnsw_bytes: string }>(
    `SELECT pg_total_relation_size($1::regclass) AS table_bytes, pg_relation_size($2::regclass) AS hnsw_bytes`,
    [table, `${table}_embedding_hnsw`],
  );
  const usesIndex = await planUsesHnsw(pool, table, queries);
  let forced = false;
  if (!usesIndex) {
    // The planner prefers a sequential scan (exact) on small tables; force the index to measure HNSW.
    log(`[${label}] the planner chooses a sequential scan over the HNSW index: measuring with SET enable_seqscan = off`);
    await pool.query("SET enable_seqscan = off");
    forced = await planUsesHnsw(pool, table, queries);
    if (!forced) throw new Error(`[${label}] the HNSW index is not used even with enable_seqscan = off`);
  }

  log(`[${label}] exact search (JS) for ${queries.count} queries`);
  const truth = computeGroundTruth(embedded.vectors, queries, K);
  log(`[${label}] ${queries.count} pgvector queries (hnsw.ef_search = ${EF_SEARCH}) after ${WARM_UP} warm-up`);
  const searched = await timedQueries(pool, table, queries);
  const result: SizeResult = {
    label,
    count,
    embedMs: embedded.embedMs,
    insertMs,
    hnswBuildMs,
    otherIndexesMs,
    tableBytes: Number(sizes.rows[0]?.table_bytes ?? 0),
    hnswBytes: Number(sizes.rows[0]?.hnsw_bytes ?? 0),
    plan: usesIndex ? "HNSW (planner's choice)" : "HNSW (enable_seqscan = off)",
    query: { ...summarizeLatencies(searched.latenciesMs), recall: estimateRecall(searched.neighbours, truth.neighbours) },
    exactScanP50: summarizeLatencies(truth.latenciesMs).p50,
  };
  log(`[${label}] p50 ${formatMs(result.query.p50)} ms, p95 ${formatMs(result.query.p95)} ms, recall@10 ${result.query.recall.mean.toFixed(3)}`);
  await pool.query(`DROP TABLE ${table}`);
  if (forced) await pool.query("RESET enable_seqscan");
  return result;
}

function renderSection(options: { command: string; date: string; machine: string; pgVersion: string; pgvectorVersion: string; fitMs: number; queries: number; sizes: SizeResult[]; totalMs: number; endLoad: number[] }): string {
  const load = (values: number[]): string => values.map((value) => value.toFixed(2)).join(" / ");
  const recall = (estimate: RecallEstimate): string => `${estimate.mean.toFixed(3)} ± ${estimate.standardError.toFixed(3)}`;
  const ingest = markdownTable(
    ["chunks", "INSERT s", "insert rows/s", "HNSW build s", "HNSW build rows/s", "GIN + btree s", "HNSW index size", "table + indexes"],
    options.sizes.map((size) => [
      size.label,
      formatSeconds(size.insertMs),
      formatRate(size.count, size.insertMs),
      formatSeconds(size.hnswBuildMs),
      formatRate(size.count, size.hnswBuildMs),
      formatSeconds(size.otherIndexesMs),
      formatBytes(size.hnswBytes),
      formatBytes(size.tableBytes),
    ]),
  );
  const queries = markdownTable(
    ["chunks", "queries", "p50 ms", "p95 ms", "p99 ms", "mean ms", "recall@10 ± SE", "plan", "JS exact scan p50 ms"],
    options.sizes.map((size) => [
      size.label,
      String(size.query.count),
      formatMs(size.query.p50),
      formatMs(size.query.p95),
      formatMs(size.query.p99),
      formatMs(size.query.mean),
      recall(size.query.recall),
      size.plan,
      formatMs(size.exactScanP50),
    ]),
  );
  return [
    SECTION,
    "",
    `Generated by \`${options.command}\` on ${options.date}, in ${formatSeconds(options.totalMs)} s.`,
    "",
    `Machine: ${options.machine}. Load average (1/5/15 min) at start ${load(startLoad)}, at end ${load(options.endLoad)}. ${options.pgVersion}; pgvector ${options.pgvectorVersion}.`,
    "",
    "> **Caveat: PGlite is not a Postgres server.** It is PostgreSQL compiled to WebAssembly, running inside this Node process on one thread " +
      "(single-user mode; the wire protocol is served by `PGLiteSocketServer` from the same event loop the `pg` client runs on). " +
      "Every figure below — insert rate, index build time and query latency — is therefore an **upper bound** and not what a native " +
      "PostgreSQL server with pgvector gives (native code, SIMD distance functions, parallel index builds, a separate process). " +
      "Recall@10 is a property of the pgvector HNSW graph and the settings, and does carry over.",
    "",
    "### Ingest",
    "",
    ingest,
    "",
    "### Queries (top 10)",
    "",
    queries,
    "",
    "### Method",
    "",
    `- **Corpus, embedding, queries**: as in \`npm run bench:index\` above — the same deterministic synthetic corpus (first N chunks), \`LsaEmbeddings\` fitted on the first ${FIT_SAMPLE.toLocaleString("en-US")} chunks (${formatSeconds(options.fitMs)} s), ${DIMENSIONS} dimensions, unit length; ${options.queries} held-out query texts (${QUERY_LENGTH.minWords}-${QUERY_LENGTH.maxWords} words).`,
    `- **Database**: PGlite (\`@electric-sql/pglite\` + \`@electric-sql/pglite-pgvector\`) in memory, served on 127.0.0.1 by \`test/support/pglite-server.ts\`, reached through the project's \`createPool\` (\`src/index/pgvector/pg-pool.ts\`, one connection: \`SET hnsw.ef_search = ${EF_SEARCH}; SET hnsw.iterative_scan = strict_order\`).`,
    `- **Table and indexes**: the project's own DDL (\`chunksTableSql\`, \`chunkIndexesSql\` in \`src/index/pgvector/pg-schema.ts\`): text, jsonb metadata, \`vector(${DIMENSIONS})\`, generated label / chunk_id / tsvector columns; \`USING hnsw (embedding vector_cosine_ops) WITH (m = ${HNSW.m}, ef_construction = ${HNSW.efConstruction})\` created after the rows are in (as \`build-pg-index.ts\` does), \`maintenance_work_mem = ${MAINTENANCE_WORK_MEM}\`. The GIN (tsvector) and chunk_id indexes are timed apart.`,
    `- **Insert**: multi-row parameterised \`INSERT\`s of ${INSERT_BATCH} rows (build-pg-index.ts's batch size), autocommit; the time includes computing the generated tsvector column, and excludes generating the texts and embedding.`,
    `- **Query**: the dense query of \`pgvector-backend.ts\` (\`ORDER BY embedding <=> $1::vector LIMIT 10\`, no filters), one at a time, wall time at the \`pg\` client after ${WARM_UP} warm-up queries; \`EXPLAIN\` checked to use the HNSW index (column "plan": when the planner prefers an exact sequential scan, the queries are measured with \`SET enable_seqscan = off\`; the project's backend, which sets no such thing, would get the sequential scan).`,
    "- **Recall@10**: against the exact top 10 of a brute-force scan in JS over the same Float32 vectors, ± one standard error over the queries. Row order ties at equal distance can cost a little recall.",
    "",
  ].join("\n");
}

/** Appends the section to the report, replacing an earlier copy of it (up to the next level-2 heading). */
function writeSection(file: string, section: string): void {
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = existing.indexOf(`\n${SECTION}\n`);
  let next: string;
  if (start < 0) {
    next = `${existing.trimEnd()}\n\n${section}`;
  } else {
    const after = existing.indexOf("\n## ", start + SECTION.length + 2);
    next = `${existing.slice(0, start).trimEnd()}\n\n${section}${after < 0 ? "" : `\n${existing.slice(after + 1)}`}`;
  }
  writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const machine = describeMachine();
  log(`Machine: ${machine}`);
  const corpus = new SyntheticCorpus();
  log(`Fitting LSA (${DIMENSIONS} dimensions) on a ${FIT_SAMPLE}-chunk sample`);
  const fitted = await fitOnSample(corpus, FIT_SAMPLE, DIMENSIONS);
  const queries = embedRange(corpus, fitted.embeddings, { start: QUERY_OFFSET, count: options.queries, length: QUERY_LENGTH }).vectors;

  const server = await startPgliteServer(4);
  log(`PGlite with pgvector on ${server.url}`);
  const pool = createPool({ url: server.url, poolMax: 1, statementTimeoutMs: 0, ssl: false, efSearch: EF_SEARCH }, { keepIdle: true });
  const results: SizeResult[] = [];
  let pgVersion = "";
  let pgvectorVersion = "";
  try {
    await pool.query("CREATE EXTENSION IF NOT EXISTS vector");
    await pool.query(`SET maintenance_work_mem = '${MAINTENANCE_WORK_MEM}'`);
    pgVersion = (await pool.query<{ version: string }>("SELECT version()")).rows[0]?.version.replace(/ on .*$/, "").replace(/,.*$/, "") ?? "";
    pgvectorVersion = (await pool.query<{ extversion: string }>("SELECT extversion FROM pg_extension WHERE extname = 'vector'")).rows[0]?.extversion ?? "";
    log(`${pgVersion}, pgvector ${pgvectorVersion}`);
    for (const size of options.sizes) results.push(await runSize(pool, size.label, size.count, corpus, fitted.embeddings, queries));
  } finally {
    await pool.end();
    await server.close();
  }

  const section = renderSection({
    command: ["npm run bench:pgvector", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" "),
    date: new Date().toISOString(),
    machine,
    pgVersion,
    pgvectorVersion,
    fitMs: fitted.fitMs,
    queries: options.queries,
    sizes: results,
    totalMs: performance.now() - started,
    endLoad: os.loadavg(),
  });
  console.log(`\n${section}`);
  if (options.out) {
    writeSection(options.out, section);
    console.log(`Section "${SECTION.slice(3)}" written to ${options.out}`);
  }
  console.log(`Total runtime: ${formatSeconds(performance.now() - started)} s`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
