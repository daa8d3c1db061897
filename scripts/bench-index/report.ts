// The benchmark's Markdown report: printed at the end of a run and, with --out, written to a file.
import os from "node:os";
import { formatBytes, formatMs, formatRate, formatSeconds, markdownTable } from "./markdown-table.js";
import { CURVE_EF_SEARCH, smallestSufficientEfSearch } from "./ef-search-curve.js";
import type { RecallEstimate } from "./exact-search.js";
import type { Recommendation, SweepResult } from "./parameter-sweep.js";
import { baselineQueryCount, type SizeResult } from "./size-benchmark.js";
import { type CorpusShape, WORD_MIX } from "./synthetic-corpus.js";
import { formatCheck, TARGETS, type TargetCheck } from "./targets.js";

export interface RunSetup {
  shape: CorpusShape;
  vocabularySize: number;
  sampleSize: number;
  fitMs: number;
  dimensions: number;
  queryCount: number;
  queryWords: string;
  chunkWords: string;
  m: number;
  efConstruction: number;
  efSearch: number;
  k: number;
  memoryStoreSource: string;
  rssMethod: string;
}

export interface BenchmarkReport {
  command: string;
  date: string;
  setup: RunSetup;
  sizes: SizeResult[];
  sweep: SweepResult | undefined;
  sweepNote: string | undefined;
  recommendation: Recommendation | undefined;
  checks: TargetCheck[];
  totalMs: number;
  /** os.loadavg() before and after: other processes on the machine skew every timing. */
  loadAverage: { start: number[]; end: number[] };
}

export function describeMachine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${formatBytes(os.totalmem())} RAM, Node ${process.version}, ${os.type()} ${os.release()}`;
}

const formatRecall = (recall: RecallEstimate): string => `${recall.mean.toFixed(3)} ± ${recall.standardError.toFixed(3)}`;
const formatLoad = (load: number[]): string => load.map((value) => value.toFixed(2)).join(" / ");

function ingestTable(sizes: SizeResult[]): string {
  return markdownTable(
    ["chunks", "generate s", "embed s", "embed chunks/s", "HNSW build s", "index chunks/s", "peak RSS (ingest)", "peak RSS (all)", "index file", "write ms", "load ms", "reload same answers"],
    sizes.map((size) => [
      size.label,
      formatSeconds(size.generateMs),
      formatSeconds(size.embedMs),
      formatRate(size.count, size.embedMs),
      formatSeconds(size.buildMs),
      formatRate(size.count, size.buildMs),
      formatBytes(size.ingestPeakRssBytes),
      formatBytes(size.peakRssBytes),
      formatBytes(size.disk.bytes),
      formatMs(size.disk.writeMs),
      formatMs(size.disk.loadMs),
      size.disk.sameAnswers ? "yes" : "NO",
    ]),
  );
}

function queryTable(sizes: SizeResult[]): string {
  return markdownTable(
    ["chunks", "HNSW queries", "HNSW p50 ms", "p95 ms", "p99 ms", "recall@10 ± SE", "exact scan p50 ms", "MVS queries", "MVS p50 ms", "MVS p95 ms", "MVS p99 ms", "MVS recall@10 ± SE", "MVS p50 / HNSW p50"],
    sizes.map((size) => [
      size.label,
      String(size.hnsw.count),
      formatMs(size.hnsw.p50),
      formatMs(size.hnsw.p95),
      formatMs(size.hnsw.p99),
      formatRecall(size.hnsw.recall),
      formatMs(size.exactScan.p50),
      String(size.baseline.count),
      formatMs(size.baseline.p50),
      formatMs(size.baseline.p95),
      formatMs(size.baseline.p99),
      formatRecall(size.baseline.recall),
      `${size.speedup.toFixed(0)}x`,
    ]),
  );
}

function efSearchTable(sizes: SizeResult[]): string {
  return markdownTable(
    ["efSearch", ...sizes.flatMap((size) => [`${size.label} p50 ms`, `${size.label} p95 ms`, `${size.label} recall@10 ± SE`])],
    CURVE_EF_SEARCH.map((efSearch) => [
      String(efSearch),
      ...sizes.flatMap((size) => {
        const point = size.efSearchCurve.find((candidate) => candidate.efSearch === efSearch);
        return point ? [formatMs(point.p50), formatMs(point.p95), formatRecall(point.recall)] : ["", "", ""];
      }),
    ]),
  );
}

function sufficientEfSearchLine(sizes: SizeResult[]): string {
  const parts = sizes.map((size) => {
    const point = smallestSufficientEfSearch(size.efSearchCurve, TARGETS.minRecall);
    return `${size.label}: ${point ? point.efSearch : `none up to ${CURVE_EF_SEARCH.at(-1)}`}`;
  });
  return `Smallest efSearch whose recall@10 minus two standard errors reaches ${TARGETS.minRecall}: ${parts.join("; ")}.`;
}

function sweepTable(sweep: SweepResult): string {
  return markdownTable(
    ["M", "efConstruction", "build s", "build chunks/s", "efSearch", "p50 ms", "p95 ms", "recall@10 ± SE"],
    sweep.rows.map((row) => [
      String(row.m),
      String(row.efConstruction),
      formatSeconds(row.buildMs),
      formatRate(sweep.count, row.buildMs),
      String(row.efSearch),
      formatMs(row.p50),
      formatMs(row.p95),
      formatRecall(row.recall),
    ]),
  );
}

function methodNotes(report: BenchmarkReport): string[] {
  const { setup } = report;
  const { shape } = setup;
  const percent = (share: number): string => `${Math.round(share * 100)}%`;
  return [
    "## Method",
    "",
    `- **Corpus**: synthetic and deterministic (seeded mulberry32). Each chunk is ${setup.chunkWords} words: about ${percent(WORD_MIX.functionWords)} English function words, ${percent(WORD_MIX.numbers)} numbers/amounts, and content words from a ${setup.vocabularySize.toLocaleString("en-US")}-form vocabulary (invented word forms plus finance/legal/commerce words), drawn from a corpus-wide Zipf law (s = ${WORD_MIX.backgroundExponent}, ${percent(WORD_MIX.background)} of words) and from one to three of ${shape.topics} topics (Zipf, s = ${WORD_MIX.topicExponent}, over ${shape.wordsPerTopic} words each). Topics belong to ${shape.themes} themes and take ${percent(shape.themeShare)} of their words from their theme's ${shape.wordsPerTheme}; a chunk's minor topics are from its main topic's theme ${percent(shape.sameThemeMix)} of the time. (Unrelated topics would make nearly orthogonal clusters, a harder case for HNSW than text usually is.) Chunk *i* depends only on the seed and *i*, so the 100k corpus is the first 100k chunks of the 1M one.`,
    `- **Embedding**: the project's own offline embedder, \`LsaEmbeddings\` (TF-IDF over stemmed unigrams and bigrams, truncated SVD), fitted once on the first ${setup.sampleSize.toLocaleString("en-US")} chunks (${formatSeconds(setup.fitMs)} s), then \`embedSync\` for every chunk: ${setup.dimensions} dimensions, unit length. Chosen over a random projection of hashed term counts because it gives the vectors the real index sees (the same low-rank structure), and is still cheap enough for 1M chunks (see embed chunks/s). Text generation and embedding are timed apart; neither is part of the index throughput.`,
    `- **Queries**: ${setup.queryCount} held-out synthetic texts of question length (${setup.queryWords} words) from the same topic mixture, embedded the same way; identical for every size.`,
    `- **HNSW**: hnswlib-node as \`src/index/build-index.ts\` uses it (\`cosine\` space, seed 100), M=${setup.m}, efConstruction=${setup.efConstruction}, efSearch=${setup.efSearch} (the project defaults), k=${setup.k}. Build time includes converting each vector to the \`number[]\` that \`addPoint\` takes. Query latency is one \`searchKnn\` call, single-threaded, after 20 warm-up queries.`,
    "- **Recall@10**: against the exact top 10 by a flat brute-force scan (dot products over one `Float32Array`) of the same vectors, ± one standard error over the queries. \"exact scan p50\" is that scan's own latency: a tighter brute force than MemoryVectorStore.",
    `- **Baseline**: LangChain's \`MemoryVectorStore\` (${setup.memoryStoreSource}), \`addVectors\` then \`similaritySearchVectorWithScore\`. It computes cosine to every vector and sorts all of them per query, so fewer queries are timed from 100k (${baselineQueryCount(100_000, Number.POSITIVE_INFINITY)}) and from 1M (${baselineQueryCount(1_000_000, Number.POSITIVE_INFINITY)}). "MVS recall@10" is its agreement with the exact top 10.`,
    `- **Peak RSS**: ${setup.rssMethod}. "ingest" covers embedding and HNSW insertion of that size; "all" also covers save/load, exact search and the MemoryVectorStore copy of the vectors.`,
    "- **Index file**: `writeIndex` to a temporary folder; load is `readIndex` into a fresh `HierarchicalNSW`, checked to answer a probe query like the in-memory graph.",
  ];
}

/** The whole report as Markdown. */
export function renderReport(report: BenchmarkReport): string {
  const lines = [
    "# HNSW index benchmark",
    "",
    `Generated by \`${report.command}\` on ${report.date}, in ${formatSeconds(report.totalMs)} s.`,
    "",
    `Machine: ${describeMachine()}. Load average (1/5/15 min) at start ${formatLoad(report.loadAverage.start)}, at end ${formatLoad(report.loadAverage.end)}.`,
    "",
    "## Ingest",
    "",
    ingestTable(report.sizes),
    "",
    "## Queries (top 10)",
    "",
    queryTable(report.sizes),
    "",
    `## Recall versus efSearch at every size (M=${report.setup.m}, efConstruction=${report.setup.efConstruction})`,
    "",
    "The graph measured above, queried again at each efSearch (a query-time setting).",
    "",
    efSearchTable(report.sizes),
    "",
    sufficientEfSearchLine(report.sizes),
    "",
  ];
  lines.push("## Parameter sweep", "");
  if (report.sweep) {
    lines.push(`On the ${report.sweep.label} corpus, same queries and exact neighbours; build throughput is HNSW insertion only.`, "", sweepTable(report.sweep), "");
  }
  if (report.sweepNote) lines.push(report.sweepNote, "");
  if (report.recommendation) {
    const { row, reason } = report.recommendation;
    lines.push(
      `**Recommended defaults**: M=${row.m}, efConstruction=${row.efConstruction}, efSearch=${row.efSearch} ` +
        `(p50 ${formatMs(row.p50)} ms, recall@10 ${formatRecall(row.recall)}, build ${formatSeconds(row.buildMs)} s): ${reason}. ` +
        `Current defaults: M=${report.setup.m}, efConstruction=${report.setup.efConstruction}, efSearch=${report.setup.efSearch}. ` +
        `This choice holds for corpora up to ${report.sweep?.label}: at fixed settings recall falls as the corpus grows (see the efSearch table), so check larger ones with \`--size 1m\`.`,
      "",
    );
    const current = report.sweep?.rows.find((candidate) => candidate.m === report.setup.m && candidate.efConstruction === report.setup.efConstruction && candidate.efSearch === report.setup.efSearch);
    if (current) {
      lines.push(`In the same sweep the current defaults measured p50 ${formatMs(current.p50)} ms, recall@10 ${formatRecall(current.recall)}, build ${formatSeconds(current.buildMs)} s.`, "");
    }
  } else if (report.sweep) {
    lines.push("**Recommended defaults**: none - no setting in the sweep met the recall and latency targets with confidence.", "");
  }
  lines.push("## Targets", "", "```", ...report.checks.map(formatCheck), "```", "", ...methodNotes(report), "");
  return lines.join("\n");
}
