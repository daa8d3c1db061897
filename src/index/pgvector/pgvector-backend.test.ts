import pg from "pg";
import { describe, expect, it } from "vitest";
import { startPgliteServer } from "../../../test/support/pglite-server.js";
import { loadConfig } from "../../config/config.js";
import { IndexDatabaseError } from "../../errors.js";
import { createIndexStore } from "../create-index-store.js";
import { runSearchBackendCases } from "../search-backend.case.test.js";

runSearchBackendCases("pgvector", async () => {
  const server = await startPgliteServer(8);
  return {
    env: { INDEX_BACKEND: "pgvector", DATABASE_URL: server.url, PG_POOL_MAX: "4" },
    async artifacts(_config, corpusName) {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        // Chunk tables of the corpus's builds, and chunk tables no build owns (leftovers).
        const result = await client.query<{ name: string }>(
          `SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'rag_chunks_%'
             AND tablename NOT IN (SELECT chunks_table FROM rag_builds WHERE corpus <> $1) ORDER BY 1`,
          [corpusName],
        );
        return result.rows.map((row) => row.name);
      } finally {
        await client.end();
      }
    },
    close: () => server.close(),
  };
});

describe("pgvector backend connection errors", () => {
  it("names the setting when the database is unreachable", async () => {
    // Port 1 on loopback: nothing listens there.
    const store = createIndexStore(loadConfig({ INDEX_BACKEND: "pgvector", DATABASE_URL: "postgres://rag:secret@127.0.0.1:1/rag", LOG_LEVEL: "silent" }));
    const error = await store.currentManifest("finance").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexDatabaseError);
    expect((error as Error).message).toMatch(/Cannot reach the index database at 127\.0\.0\.1:1 \(DATABASE_URL \/ PG_CONNECTION_STRING\)/);
    expect((error as Error).message).not.toContain("secret");
    await store.close();
  });

  it("says how to install pgvector when the extension is missing", async () => {
    const server = await startPgliteServer(4, { pgvector: false });
    const store = createIndexStore(loadConfig({ INDEX_BACKEND: "pgvector", DATABASE_URL: server.url, PG_POOL_MAX: "2", LOG_LEVEL: "silent" }));
    try {
      const error = await store.currentManifest("finance").catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(IndexDatabaseError);
      expect((error as Error).message).toMatch(/The pgvector extension is missing .* Run "CREATE EXTENSION vector;" as a privileged user/);
    } finally {
      await store.close();
      await server.close();
    }
  });
});
