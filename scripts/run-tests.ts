// Runs the whole test suite with vitest and ends with the plain line CI reads: "N passed, N failed".
// Extra arguments go to vitest (e.g. `npm test -- src/chunking`).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { z } from "zod";

const reportFile = ".tmp/vitest-report.json";
mkdirSync(".tmp", { recursive: true });
rmSync(reportFile, { force: true });
const run = spawnSync(
  "npx",
  ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`, ...process.argv.slice(2)],
  { stdio: "inherit", env: { ...process.env, NO_COLOR: process.env.NO_COLOR ?? "1" } },
);

const Report = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numPendingTests: z.number().default(0), numTodoTests: z.number().default(0) });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = Report.parse(JSON.parse(readFileSync(reportFile, "utf8")));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
} catch {
  // No report means vitest itself failed before running tests.
  failed = Math.max(1, failed);
}
const status = run.status ?? 1;
if (status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(status);
