// One phase of npm run bench:pipeline in its own process, so the serving RSS is not the ingest's:
//   node --expose-gc --import tsx scripts/bench-pipeline/worker.ts ingest|serve <corpus> <dataDir> <result.json> [ingest workers | questions]
import { writeFile } from "node:fs/promises";
import { runIngestPhase } from "./ingest-phase.js";
import { runServePhase } from "./serve-phase.js";

const [phase, corpus, dataDir, out, count] = process.argv.slice(2);
if (!corpus || !dataDir || !out || (phase !== "ingest" && phase !== "serve")) {
  console.error("Usage: worker.ts ingest|serve <corpus> <dataDir> <result.json> [ingest workers | questions]");
  process.exit(2);
}
const result = phase === "ingest" ? await runIngestPhase(corpus, dataDir, count ? Number(count) : undefined) : await runServePhase(corpus, dataDir, Number(count ?? 200));
await writeFile(out, JSON.stringify(result));
