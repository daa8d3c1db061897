import { readdir } from "node:fs/promises";
import path from "node:path";
import { runSearchBackendCases } from "./search-backend.case.test.js";

runSearchBackendCases("hnsw", async () => ({
  env: { INDEX_BACKEND: "hnsw" },
  artifacts: async (config, corpusName) => (await readdir(path.join(config.dataDir, "indexes", corpusName, "versions"))).sort(),
  close: async () => undefined,
}));
