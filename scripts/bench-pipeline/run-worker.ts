import { spawn } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

/** Runs one phase in a fresh Node process (with --expose-gc) and returns what it wrote. */
export async function runWorker<T>(phase: "ingest" | "serve", corpus: string, dataDir: string, extra: string[] = []): Promise<T> {
  const out = path.join(os.tmpdir(), `bench-pipeline-${process.pid}-${phase}-${Date.now()}.json`);
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(import.meta.dirname, "worker.ts"), phase, corpus, dataDir, out, ...extra], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const code = await new Promise<number>((resolve) => child.on("exit", (status) => resolve(status ?? 1)));
  if (code !== 0) throw new Error(`bench:pipeline ${phase} of ${corpus} exited with ${code}`);
  try {
    return JSON.parse(await readFile(out, "utf8")) as T;
  } finally {
    await rm(out, { force: true });
  }
}
