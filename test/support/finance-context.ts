import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type Config, loadConfig } from "../../src/config/config.js";
import { createRagContext, type RagContext } from "../../src/context.js";

/** A config for tests over a given data folder: the shipped corpora, quiet logs. */
export function configFor(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({ CORPORA_DIR: path.resolve("corpora"), DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env });
}

/** A config for tests: the shipped corpora, a fresh temporary data folder, quiet logs. */
export async function testConfig(env: Record<string, string> = {}): Promise<{ config: Config; dataDir: string; cleanup: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "rag-test-"));
  const config = configFor(dataDir, env);
  return { config, dataDir, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

/**
 * Builds the finance index in a temporary folder and assembles the service around it. `dataDir` can
 * be reused with `configFor` + `createRagContext` to assemble other configurations (LLM answerer,
 * limits) over the same index without rebuilding it.
 */
export async function financeContext(
  env: Record<string, string> = {},
): Promise<{ context: RagContext; config: Config; dataDir: string; cleanup: () => Promise<void> }> {
  const { config, dataDir, cleanup } = await testConfig(env);
  const context = await createRagContext(config, { buildIfNeeded: true });
  return { context, config, dataDir, cleanup };
}
