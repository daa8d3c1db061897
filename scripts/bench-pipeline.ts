// The whole question path at scale (a benchmark, not a test): seeded synthetic corpora (10k and 100k
// chunks; --1m opt-in) and any corpus folder, ingested through the real ingest path into a temporary
// DATA_DIR, then served in process: /v1/search (retriever.search) and /v1/ask (chain.invoke) latency,
// per-stage split, serving RSS, ingest time and peak RSS per stage. Writes docs/BENCHMARKS-PIPELINE.md
// (the generated part between markers) and reports/bench-pipeline.json.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { writeSyntheticCorpus } from "./bench-pipeline/corpus-folder.js";
import type { IngestFigures } from "./bench-pipeline/ingest-phase.js";
import { parsePipelineOptions, USAGE } from "./bench-pipeline/options.js";
import { type CorpusRun, describeMachine, type PipelineReport, renderPipelineReport } from "./bench-pipeline/report.js";
import { runWorker } from "./bench-pipeline/run-worker.js";
import type { ServeFigures } from "./bench-pipeline/serve-phase.js";

const START = "<!-- bench:pipeline generated start -->";
const END = "<!-- bench:pipeline generated end -->";

/** Ingests a corpus with a number of worker threads into a folder of its own, only to time it. */
async function ingestOnly(label: string, corpus: string, workers: number): Promise<IngestFigures> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "bench-pipeline-data-"));
  try {
    console.log(`[${label}] ingest with ${workers} worker(s) ...`);
    const ingest = await runWorker<IngestFigures>("ingest", corpus, dataDir, [String(workers)]);
    console.log(`[${label}] ${ingest.chunks} chunks ingested in ${(ingest.totalMs / 1000).toFixed(1)} s with ${workers} worker(s)`);
    return ingest;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function runCorpus(label: string, corpus: string, questions: number, extra: Partial<CorpusRun> = {}): Promise<CorpusRun> {
  const earlierIngests: IngestFigures[] = [];
  for (const workers of options.ingestWorkers.slice(0, -1)) earlierIngests.push(await ingestOnly(label, corpus, workers));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "bench-pipeline-data-"));
  try {
    console.log(`[${label}] ingest ...`);
    const last = options.ingestWorkers.at(-1);
    const ingest = await runWorker<IngestFigures>("ingest", corpus, dataDir, last ? [String(last)] : []);
    console.log(`[${label}] ${ingest.chunks} chunks ingested in ${(ingest.totalMs / 1000).toFixed(1)} s; serving ${questions} questions ...`);
    const serve = await runWorker<ServeFigures>("serve", corpus, dataDir, [String(questions)]);
    console.log(`[${label}] search p50/p95 ${serve.search.p50.toFixed(2)}/${serve.search.p95.toFixed(2)} ms, ask p50/p95 ${serve.ask.p50.toFixed(2)}/${serve.ask.p95.toFixed(2)} ms, RSS after load ${(serve.rssAfterLoadBytes / 2 ** 20).toFixed(0)} MiB`);
    return { label, ...extra, ...(earlierIngests.length > 0 ? { earlierIngests } : {}), ingest, serve };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Questions whose search results or answers differ from an earlier report's run of the same corpus. */
function compareWith(earlier: PipelineReport, runs: CorpusRun[]): string[] {
  const problems: string[] = [];
  for (const run of runs) {
    const before = earlier.runs.find((candidate) => candidate.label === run.label && candidate.serve.questions === run.serve.questions);
    if (!before) {
      problems.push(`${run.label}: no run with ${run.serve.questions} questions in the earlier report`);
      continue;
    }
    const differing = run.serve.fingerprints.filter((fingerprint, index) => fingerprint !== before.serve.fingerprints[index]).length;
    if (differing > 0) problems.push(`${run.label}: ${differing} of ${run.serve.questions} questions have different ranked chunks or answers`);
    else console.log(`[${run.label}] identical to the earlier report: ranked chunk ids and answers of all ${run.serve.questions} questions (fingerprint ${run.serve.fingerprint.slice(0, 12)})`);
  }
  return problems;
}

async function writeDoc(file: string, generated: string): Promise<void> {
  const existing = await readFile(file, "utf8").catch(() => `# Question-path benchmarks\n\n${START}\n${END}\n`);
  const startAt = existing.indexOf(START);
  const endAt = existing.indexOf(END);
  const next = startAt >= 0 && endAt > startAt ? `${existing.slice(0, startAt + START.length)}\n${generated}\n${existing.slice(endAt)}` : `${existing}\n${START}\n${generated}\n${END}\n`;
  await writeFile(file, next);
}

let options: ReturnType<typeof parsePipelineOptions>;
try {
  options = parsePipelineOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
const startedAt = new Date();
const loadAtStart = os.loadavg();
const runs: CorpusRun[] = [];
for (const size of options.sizes) {
  const directory = await mkdtemp(path.join(os.tmpdir(), `bench-pipeline-${size.label}-`));
  try {
    const started = performance.now();
    const generated = await writeSyntheticCorpus(directory, size.count);
    const generateMs = performance.now() - started;
    console.log(`[${size.label}] ${generated.documents} documents, ${generated.sections} sections written in ${(generateMs / 1000).toFixed(1)} s`);
    runs.push(await runCorpus(size.label, directory, options.questions, { generateMs, generated: { documents: generated.documents, sections: generated.sections, words: generated.words } }));
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
for (const corpus of options.corpora) runs.push(await runCorpus(corpus, corpus, options.questions));

const report: PipelineReport = {
  command: `npm run bench:pipeline${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  startedAt: startedAt.toISOString(),
  durationMs: Date.now() - startedAt.getTime(),
  machine: { ...describeMachine(), loadAverage: { start: loadAtStart, end: os.loadavg() } },
  runs,
};
const problems = options.check ? compareWith(JSON.parse(await readFile(options.check, "utf8")) as PipelineReport, runs) : [];
const mismatched = runs.filter((run) => run.serve.timedMismatches > 0).map((run) => `${run.label}: the timed retriever ranked ${run.serve.timedMismatches} questions differently`);
await mkdir(path.dirname(options.json), { recursive: true });
await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
await writeDoc(options.out, renderPipelineReport(report));
console.log(`Wrote ${options.json} and ${options.out} (${(report.durationMs / 1000).toFixed(0)} s).`);
for (const problem of [...mismatched, ...problems]) console.error(`MISMATCH ${problem}`);
process.exit(mismatched.length + problems.length > 0 ? 1 : 0);
