import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Config, loadConfig } from "../../src/config/config.js";
import { createRagContext, type RagContext } from "../../src/context.js";

/** A config for tests: the shipped corpora, a fresh temporary data folder, quiet logs. */
export async function testConfig(env: Record<string, string> = {}): Promise<{ config: Config; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rag-test-"));
  const config = loadConfig({ CORPORA_DIR: path.resolve("corpora"), DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env });
  return { config, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/** Builds the finance index in a temporary folder and assembles the service around it. */
export async function financeContext(env: Record<string, string> = {}): Promise<{ context: RagContext; cleanup: () => Promise<void> }> {
  const { config, cleanup } = await testConfig(env);
  const context = await createRagContext(config, { buildIfNeeded: true });
  return { context, cleanup };
}
