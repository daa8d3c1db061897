// HTTP benchmark (not a test): starts `serve` on the finance index in its own process and drives it
// with autocannon from this one. Routes: /healthz (the bare route), /v1/search, /v1/ask (offline
// answerer), each at 1, 16 and 64 connections; the routes are interleaved per connection count so each
// ratio compares cells measured a few seconds apart. Usage: npm run bench:http [-- --duration 6]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

const CONNECTIONS = [1, 16, 64];
const durationArgument = process.argv.indexOf("--duration");
const DURATION_S = durationArgument > 0 ? Number(process.argv[durationArgument + 1]) : 6;
const WARMUP_S = 2;
const TARGETS = { searchRatio: 0.3, askP95Ms: 50, askP95Connections: 16 };

const examples: string[] = JSON.parse(readFileSync("corpora/finance/corpus.json", "utf8")).examples;
// Many distinct questions (the corpus's examples and every question of its eval set), so no cache of
// one question's work decides the figures.
const evalQuestions = readFileSync("evals/finance.jsonl", "utf8")
  .split("\n")
  .filter((line) => line.trim().length > 0)
  .map((line) => (JSON.parse(line) as { question: string }).question);
const QUESTIONS = [
  ...new Set([
    ...examples,
    "What is the daily limit for Harbor Send?",
    "How should I endorse a check for mobile deposit?",
    "What is the cash advance APR on the Harbor Cash Back Visa?",
    "What is the fee for notary services?",
    ...evalQuestions,
  ]),
];

interface Route {
  name: string;
  requests: autocannon.Request[];
}

const json = (route: string, bodies: unknown[]): autocannon.Request[] =>
  bodies.map((body) => ({ method: "POST", path: route, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));

const ROUTES: Route[] = [
  { name: "GET /healthz", requests: [{ method: "GET", path: "/healthz" }] },
  { name: "POST /v1/search", requests: json("/v1/search", QUESTIONS.map((query) => ({ query }))) },
  { name: "POST /v1/ask", requests: json("/v1/ask", QUESTIONS.map((question) => ({ question }))) },
];

interface Cell {
  route: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
  ratio?: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}; see .tmp/bench-server.log`);
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not become ready within 180 s; see .tmp/bench-server.log");
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function measure(url: string, route: Route, connections: number, duration: number): Promise<Cell> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration, requests: route.requests, timeout: 10 }, (error, finished) =>
      error ? reject(error) : resolve(finished),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    route: route.name,
    connections,
    requestsPerSecond: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const pad = (value: string, width: number): string => value.padStart(width);
const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));

function printTable(cells: Cell[]): void {
  const header = ["route", "conns", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "non-2xx", "vs /healthz"];
  const rows = cells.map((cell) => [
    cell.route,
    String(cell.connections),
    Math.round(cell.requestsPerSecond).toString(),
    ms(cell.p50),
    ms(cell.p95),
    ms(cell.p99),
    String(cell.errors),
    String(cell.non2xx),
    cell.ratio === undefined ? "" : `${(cell.ratio * 100).toFixed(0)}%`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : pad(value, widths[column]!))).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((width, column) => (column === 0 ? `${"-".repeat(width + 1)}-` : `${"-".repeat(width + 1)}:`)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  mkdirSync(".tmp", { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(".tmp/bench-server.log", "w");
  console.log(`Starting the server on the finance index (${url}, logs in .tmp/bench-server.log)...`);
  const server = spawn(process.execPath, ["--import", "tsx", path.resolve("src/cli/main.ts"), "serve", "--build-if-needed", "--corpus", "finance"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      ANSWERER: "extractive",
      LOG_LEVEL: "info",
      // The limiter stays in the request path (its cost is measured) but never triggers.
      RATE_LIMIT_PER_MINUTE: "1000000000",
    },
    stdio: ["ignore", log, log],
  });
  const cells: Cell[] = [];
  try {
    await waitUntilReady(url, server);
    console.log(
      `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}); ${DURATION_S} s per cell, ${WARMUP_S} s warm-up per route; ${QUESTIONS.length} distinct questions rotate.\n`,
    );
    for (const route of ROUTES) await measure(url, route, 16, WARMUP_S);
    for (const connections of CONNECTIONS) {
      const bare = await measure(url, ROUTES[0]!, connections, DURATION_S);
      cells.push(bare);
      for (const route of ROUTES.slice(1)) {
        const cell = await measure(url, route, connections, DURATION_S);
        cell.ratio = cell.requestsPerSecond / bare.requestsPerSecond;
        cells.push(cell);
      }
    }
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }

  const ordered = ROUTES.flatMap((route) => cells.filter((cell) => cell.route === route.name));
  printTable(ordered);
  mkdirSync("reports", { recursive: true });
  writeFileSync("reports/bench-http.json", `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, durationS: DURATION_S, cells: ordered }, null, 2)}\n`);

  const search = cells.filter((cell) => cell.route === "POST /v1/search");
  const ask = cells.find((cell) => cell.route === "POST /v1/ask" && cell.connections === TARGETS.askP95Connections)!;
  const failures = cells.reduce((sum, cell) => sum + cell.errors + cell.non2xx, 0);
  const checks: Array<[string, boolean]> = [
    [
      `/v1/search at least ${TARGETS.searchRatio * 100}% of /healthz req/s at every connection count (${search.map((cell) => `${((cell.ratio ?? 0) * 100).toFixed(0)}%`).join(", ")})`,
      search.every((cell) => (cell.ratio ?? 0) >= TARGETS.searchRatio),
    ],
    [`/v1/ask p95 under ${TARGETS.askP95Ms} ms at ${TARGETS.askP95Connections} connections (${ms(ask.p95)} ms)`, ask.p95 < TARGETS.askP95Ms],
    [`zero errors and zero non-2xx (${failures})`, failures === 0],
  ];
  console.log("\nTargets:");
  for (const [label, passed] of checks) console.log(`  ${passed ? "PASS" : "FAIL"}  ${label}`);
  console.log("\nFull results: reports/bench-http.json");
  return checks.every(([, passed]) => passed) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
