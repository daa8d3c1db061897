import { formatBytes, formatMs } from "./markdown-table.js";
import type { SizeResult } from "./size-benchmark.js";

export const TARGETS = {
  queryCorpus: 100_000,
  p50Ms: 2,
  minRecall: 0.95,
  minSpeedup: 20,
  memoryCorpus: 1_000_000,
  maxPeakRssBytes: 8 * 2 ** 30,
};

export interface TargetCheck {
  label: string;
  /** Undefined when the size it needs was not run. */
  passed: boolean | undefined;
}

/** The targets, each judged on the size it names; a size that was not run is reported as not measured. */
export function checkTargets(results: SizeResult[]): TargetCheck[] {
  const query = results.find((result) => result.count === TARGETS.queryCorpus);
  const memory = results.find((result) => result.count === TARGETS.memoryCorpus);
  return [
    {
      label: `100k chunks: HNSW query p50 under ${TARGETS.p50Ms} ms${query ? ` (${formatMs(query.hnsw.p50)} ms)` : ""}`,
      passed: query && query.hnsw.p50 < TARGETS.p50Ms,
    },
    {
      label: `100k chunks: recall@10 >= ${TARGETS.minRecall}${query ? ` (${query.hnsw.recall.mean.toFixed(3)} ± ${query.hnsw.recall.standardError.toFixed(3)} SE)` : ""}`,
      passed: query && query.hnsw.recall.mean >= TARGETS.minRecall,
    },
    {
      label: `100k chunks: at least ${TARGETS.minSpeedup}x faster than MemoryVectorStore at p50${query ? ` (${query.speedup.toFixed(0)}x)` : ""}`,
      passed: query && query.speedup >= TARGETS.minSpeedup,
    },
    {
      label: `1M chunks ingested with peak RSS under ${formatBytes(TARGETS.maxPeakRssBytes)}${memory ? ` (${formatBytes(memory.ingestPeakRssBytes)})` : ""}`,
      passed: memory && memory.ingestPeakRssBytes < TARGETS.maxPeakRssBytes,
    },
  ];
}

export function formatCheck(check: TargetCheck): string {
  const status = check.passed === undefined ? "n/a " : check.passed ? "PASS" : "MISS";
  const note = check.passed === undefined ? " - not measured in this run" : "";
  return `${status}  ${check.label}${note}`;
}
