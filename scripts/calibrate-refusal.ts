// Kept for existing scripts: the same as `npm run calibrate -- <options>`.
// Usage: npx tsx scripts/calibrate-refusal.ts --corpus finance [--set file] [--concurrency 4] [--write]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), "../src/cli/main.ts");
const run = spawnSync(process.execPath, ["--import", "tsx", main, "calibrate", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
