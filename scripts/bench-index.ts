// HNSW index benchmark (not a test): ingest throughput, peak memory, index size and load time, query
// latency and recall@10 of the embedded hnswlib-node backend on deterministic synthetic corpora, with
// LangChain's MemoryVectorStore as the brute-force baseline and a sweep of the HNSW parameters.
// Usage: npm run bench:index [-- --size 10k,100k,1m --queries 500 --no-sweep --out docs/BENCHMARKS-INDEX.md]
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_SCORING } from "../src/config/scoring.js";
import { loadConfig } from "../src/config/config.js";
import { DEFAULT_LSA_OPTIONS, type LsaEmbeddings } from "../src/embeddings/lsa/lsa-embeddings.js";
import { embedRange, fitOnSample } from "./bench-index/embed-corpus.js";
import { loadMemoryVectorStore } from "./bench-index/memory-store-baseline.js";
import { type BenchOptions, parseBenchOptions } from "./bench-index/options.js";
import { recommendDefaults, runSweep, type SweepResult } from "./bench-index/parameter-sweep.js";
import { PeakRssMeter } from "./bench-index/peak-rss.js";
import { type BenchmarkReport, describeMachine, renderReport } from "./bench-index/report.js";
import { type QuerySet, runSizeBenchmark, type SizeBenchmarkContext, type SizeResult } from "./bench-index/size-benchmark.js";
import { CHUNK_LENGTH, type LengthRange, SyntheticCorpus } from "./bench-index/synthetic-corpus.js";
import { checkTargets, formatCheck, TARGETS } from "./bench-index/targets.js";
import { vectorArray } from "./bench-index/vector-set.js";

const DIMENSIONS = DEFAULT_LSA_OPTIONS.dimensions;
const FIT_SAMPLE = 5_000;
const K = 10;
/** The project's defaults: the config an empty environment gives, with the graph settings of the first size tier (every size is measured at them). */
const { efSearch } = loadConfig({}).index;
const { m, efConstruction } = DEFAULT_SCORING.hnsw.bySize[0]!;
const CURRENT_DEFAULTS = { m, efConstruction, efSearch };
/** Queries are chunks from far beyond any corpus, so none is in the index. */
const QUERY_OFFSET = 1_000_000_000;
const QUERY_LENGTH: LengthRange = { minWords: 12, maxWords: 40 };
const SWEEP_SIZE = 100_000;

const started = performance.now();
const startLoad = os.loadavg();
const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

function embedQueries(corpus: SyntheticCorpus, embeddings: LsaEmbeddings, count: number): QuerySet {
  const { vectors } = embedRange(corpus, embeddings, { start: QUERY_OFFSET, count, length: QUERY_LENGTH });
  const arrays = Array.from({ length: count }, (_, index) => vectorArray(vectors, index));
  const empty = arrays.filter((vector) => vector.every((value) => value === 0)).length;
  if (empty > 0) throw new Error(`${empty} synthetic queries embedded to the zero vector: the LSA sample is too small for the query vocabulary`);
  return { vectors, arrays };
}

/** The sweep runs on the 100k corpus, or else on the largest requested size under 100k; never on 1M (too slow). */
function sweepSizeFor(options: BenchOptions): { count: number | undefined; note: string | undefined } {
  if (!options.sweep) return { count: undefined, note: "Sweep skipped (--no-sweep)." };
  const candidates = options.sizes.filter((size) => size.count <= SWEEP_SIZE);
  const chosen = candidates.find((size) => size.count === SWEEP_SIZE) ?? candidates.at(-1);
  if (!chosen) return { count: undefined, note: "Sweep skipped: it runs on a corpus of at most 100k chunks; add --size 100k." };
  return { count: chosen.count, note: undefined };
}

function summaryLine(result: SizeResult): string {
  return (
    `[${result.label}] HNSW p50 ${result.hnsw.p50.toFixed(3)} ms, recall@10 ${result.hnsw.recall.mean.toFixed(3)}; ` +
    `MemoryVectorStore p50 ${result.baseline.p50.toFixed(1)} ms (${result.speedup.toFixed(0)}x)`
  );
}

async function main(argv: string[]): Promise<number> {
  const options = parseBenchOptions(argv);
  log(`Machine: ${describeMachine()}; load average ${startLoad.map((value) => value.toFixed(2)).join(" / ")}`);
  const corpus = new SyntheticCorpus();
  log(`Fitting LSA (${DIMENSIONS} dimensions) on a ${FIT_SAMPLE}-chunk sample`);
  const fitted = await fitOnSample(corpus, FIT_SAMPLE, DIMENSIONS);
  const queries = embedQueries(corpus, fitted.embeddings, options.queries);
  const memoryStore = await loadMemoryVectorStore();
  const meter = new PeakRssMeter();
  const context: SizeBenchmarkContext = {
    corpus,
    embeddings: fitted.embeddings,
    queries,
    parameters: { m: CURRENT_DEFAULTS.m, efConstruction: CURRENT_DEFAULTS.efConstruction },
    efSearch: CURRENT_DEFAULTS.efSearch,
    k: K,
    memoryStore,
    meter,
    log,
  };

  const sweepPlan = sweepSizeFor(options);
  const sizes: SizeResult[] = [];
  let sweep: SweepResult | undefined;
  for (const size of options.sizes) {
    const { result, artifacts } = await runSizeBenchmark(size.label, size.count, context);
    sizes.push(result);
    log(summaryLine(result));
    if (size.count === sweepPlan.count) {
      const builtWith = { ...context.parameters, buildMs: result.buildMs, curve: result.efSearchCurve };
      sweep = runSweep({ label: size.label, artifacts, builtWith, queries: queries.arrays, k: K, log });
    }
  }

  const checks = checkTargets(sizes);
  const report: BenchmarkReport = {
    command: ["npm run bench:index", ...(argv.length > 0 ? ["--", ...argv] : [])].join(" "),
    date: new Date().toISOString(),
    setup: {
      shape: corpus.shape,
      vocabularySize: corpus.vocabularySize,
      sampleSize: fitted.sampleSize,
      fitMs: fitted.fitMs,
      dimensions: fitted.embeddings.k,
      queryCount: options.queries,
      queryWords: `${QUERY_LENGTH.minWords}-${QUERY_LENGTH.maxWords}`,
      chunkWords: `${CHUNK_LENGTH.minWords}-${CHUNK_LENGTH.maxWords}`,
      ...CURRENT_DEFAULTS,
      k: K,
      memoryStoreSource: memoryStore.source,
      rssMethod: meter.method,
    },
    sizes,
    sweep,
    sweepNote: sweepPlan.note,
    recommendation: sweep && recommendDefaults(sweep.rows, { minRecall: TARGETS.minRecall, maxP50Ms: TARGETS.p50Ms }),
    checks,
    totalMs: performance.now() - started,
    loadAverage: { start: startLoad, end: os.loadavg() },
  };
  const markdown = renderReport(report);
  console.log(`\n${markdown}`);
  if (options.out) {
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, markdown);
    console.log(`Report written to ${options.out}`);
  }
  console.log("Targets:");
  for (const check of checks) console.log(`  ${formatCheck(check)}`);
  console.log(`Total runtime: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
