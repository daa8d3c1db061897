// Two serving processes' worth of servers (in process, on real ports) on one PGlite database follow a
// new build made current by an ingest, while requests to both keep succeeding.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/config.js";
import { createRagContext, ingest } from "../src/context.js";
import { type RunningServer, startServer } from "../src/server/server.js";
import { startPgliteServer, type PgliteServer } from "./support/pglite-server.js";
import { captureLogger } from "./support/test-app.js";

const page = (id: string, title: string, body: string) => `---\nid: ${id}\ntitle: ${title}\ndoc_type: guide\n---\n# ${title}\n\n${body}\n`;
const WIRES = (fee: string) => page("wires", "Wire Guide", `## Fees\n\nOutgoing wires cost ${fee} and incoming wires cost $15.\n\n## Cutoff\n\nDomestic wires sent before 4 p.m. go out the same business day.`);
const CARDS = page("cards", "Card Guide", "## Limits\n\nThe daily ATM withdrawal limit is $1,000 per card.\n\n## Lost cards\n\nLock a lost card in the mobile app and call the fraud line at once.");

describe("pgvector replicas follow new builds (INDEX_POLL_SECONDS)", () => {
  let database: PgliteServer;
  let root: string;
  let corpusDir: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    database = await startPgliteServer(24);
    root = await mkdtemp(path.join(os.tmpdir(), "rag-replicas-"));
    corpusDir = path.join(root, "replicated");
    await mkdir(corpusDir, { recursive: true });
    await writeFile(path.join(corpusDir, "corpus.json"), JSON.stringify({ name: "replicated", domain: "banking", description: "A tiny test corpus.", include: ["*.md"], chunking: { maxWords: 60, minWords: 0 } }));
    await writeFile(path.join(corpusDir, "wires.md"), WIRES("$30"));
    await writeFile(path.join(corpusDir, "cards.md"), CARDS);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await database?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("switches both servers to the new build id while every request succeeds, and serves the new text", async () => {
    const config = loadConfig({
      INDEX_BACKEND: "pgvector",
      DATABASE_URL: database.url,
      PG_POOL_MAX: "2",
      CORPUS: corpusDir,
      DATA_DIR: path.join(root, "data"),
      EMBEDDINGS_DIMENSIONS: "8",
      INDEX_POLL_SECONDS: "1",
      RATE_LIMIT_PER_MINUTE: "0",
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "silent",
    });
    const first = await ingest(config);
    const logs = [captureLogger(), captureLogger()];
    for (const { logger } of logs) servers.push(await startServer({ config, context: createRagContext(config), logger, reload: () => createRagContext(config) }));

    const buildIdOf = async (server: RunningServer): Promise<string | undefined> => {
      const response = await fetch(`${server.url}/v1/corpus`);
      return response.ok ? ((await response.json()) as { manifest: { buildId: string } }).manifest.buildId : undefined;
    };
    const waitForBuild = async (buildId: string) => {
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        const ids = await Promise.all(servers.map(buildIdOf));
        if (ids.every((id) => id === buildId)) return ids;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return Promise.all(servers.map(buildIdOf));
    };
    expect(await waitForBuild(first.manifest.buildId)).toEqual([first.manifest.buildId, first.manifest.buildId]);

    // The ingest runs first: PGlite (one session behind its socket server) runs the servers' queries
    // inside the ingest's open transaction and interleaves their protocol messages, so a request during
    // the ingest fails on PGlite even without any switch. A real PostgreSQL has a session per connection.
    await writeFile(path.join(corpusDir, "wires.md"), WIRES("$35"));
    const second = await ingest(config);
    expect(second.manifest.buildId).not.toBe(first.manifest.buildId);

    // Traffic to both servers from the new build being current until both have switched, and a little after.
    const statuses: number[] = [];
    let traffic = true;
    const drive = async (server: RunningServer) => {
      for (let turn = 0; traffic; turn += 1) {
        const route = turn % 2 === 0 ? "/v1/search" : "/v1/ask";
        const body = route === "/v1/search" ? { query: "outgoing wire fee" } : { question: "How much does an outgoing wire cost?" };
        const response = await fetch(`${server.url}${route}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
    };
    const drivers = servers.map(drive);
    expect(await waitForBuild(second.manifest.buildId)).toEqual([second.manifest.buildId, second.manifest.buildId]);
    // Some requests after the switch too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    traffic = false;
    await Promise.all(drivers);

    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    for (const server of servers) {
      const response = await fetch(`${server.url}/v1/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "outgoing wire fee", topK: 1 }) });
      const { results } = (await response.json()) as { results: Array<{ snippet: string }> };
      expect(results[0]!.snippet).toContain("$35");
    }
    for (const { lines } of logs) {
      const switched = lines.map((line) => JSON.parse(line) as { msg: string; buildId?: string }).filter((entry) => entry.msg === "switched to the new build");
      expect(switched.map((entry) => entry.buildId)).toEqual([second.manifest.buildId]);
    }
  }, 60_000);
});
