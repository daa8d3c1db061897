import { loadConfig } from "../../src/config/config.js";
import { ingest } from "../../src/context.js";
import { PeakRssMeter } from "../bench-index/peak-rss.js";

export interface StagePeak {
  stage: string;
  ms: number;
  peakRssBytes: number;
}

export interface IngestFigures {
  documents: number;
  chunks: number;
  totalMs: number;
  /** Wall time and peak RSS between one reported stage and the next (load, fit phases, embed, chunk/plan/index, save, ...). */
  stages: StagePeak[];
  /** The build's own timings (manifest.timingsMs). */
  manifestTimingsMs: Record<string, number>;
  peakRssBytes: number;
  /** The ingest's worker threads (INGEST_WORKERS); not in reports made before they existed. */
  workers?: number;
  /** The graph's settings as the build chose them, with efSearch tuned and the recall@10 it reached (manifest.hnsw); not in reports made before. */
  hnsw?: { m: number; efConstruction: number; efSearch?: number; recallAt10?: number };
  /** Chunks the embedder was fitted on (manifest embedder.fittedOn). */
  fittedOn?: number;
}

/**
 * Ingests a corpus folder into `dataDir` through the real ingest path (`ingest()` of src/context.ts,
 * as `npm run ingest` does) and records the peak RSS of every stage it reports.
 */
export async function runIngestPhase(corpus: string, dataDir: string, workers?: number): Promise<IngestFigures> {
  const config = loadConfig({}, { corpus, dataDir, ...(workers ? { ingestWorkers: workers } : {}) });
  const meter = new PeakRssMeter();
  const stages: StagePeak[] = [];
  // A stage runs from the end of the previous one until onStage reports it done; progress events
  // name the stages that report progress (load, the fit phases, embed) while they run.
  const between = "";
  let current = between;
  let stageStarted = performance.now();
  const close = (stage: string) => {
    stages.push({ stage, ms: performance.now() - stageStarted, peakRssBytes: meter.peakBytes() });
    current = between;
    stageStarted = performance.now();
    meter.reset();
  };
  const onProgress = (stage: string) => {
    if (stage === current) return;
    if (current !== between) close(current);
    current = stage;
  };
  meter.reset();
  const started = performance.now();
  // Each stage is reported when it ends: "graph" after the HNSW graph is built, "tune" after efSearch
  // is tuned, "graph-save" after the graph, docstore and vectors are written, "derived" after the
  // derived files are computed and written, "sparse" after the BM25 postings are built and written,
  // "save" after the texts and the model are written and every file verified.
  const label = (stage: string) =>
    ({ graph: "HNSW graph build", tune: "efSearch tuning", "graph-save": "graph + vectors save", sparse: "BM25 build + save", save: "texts, model + verify" })[stage] ?? stage;
  const result = await ingest(config, { full: true, onProgress, onStage: (stage) => close(label(current === between || current === stage ? stage : `${current} + ${stage}`)) });
  close("finish");
  // The kernel's peak is reset per stage, so the whole ingest's peak is the largest stage peak.
  const peakRssBytes = Math.max(...stages.map((stage) => stage.peakRssBytes));
  return {
    documents: result.manifest.counts.documents,
    chunks: result.manifest.counts.chunks,
    totalMs: performance.now() - started,
    stages,
    manifestTimingsMs: result.manifest.timingsMs,
    peakRssBytes,
    workers: config.ingestWorkers,
    hnsw: result.manifest.hnsw,
    ...(result.manifest.embedder.fittedOn === undefined ? {} : { fittedOn: result.manifest.embedder.fittedOn }),
  };
}
