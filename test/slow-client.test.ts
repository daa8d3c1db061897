import net from "node:net";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../src/server/server.js";
import { configFor, financeContext } from "./support/finance-context.js";

let cleanup: () => Promise<void>;
let running: RunningServer;

beforeAll(async () => {
  const built = await financeContext();
  cleanup = built.cleanup;
  const config = configFor(built.dataDir, { PORT: "0", REQUEST_TIMEOUT_MS: "1000" });
  running = await startServer({ config, context: built.context, logger: pino({ level: "silent" }) });
});
afterAll(async () => {
  await running.close();
  await cleanup();
});

/** Opens a raw connection, writes `head` at once and then `drip` one byte every `everyMs`; resolves with what the server sent when it closed. */
function slowRequest(head: string, drip: string, everyMs: number): Promise<{ reply: string; closedAfterMs: number }> {
  const { port } = new URL(running.url);
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect(Number(port), "127.0.0.1");
    let reply = "";
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < drip.length && socket.writable) socket.write(drip[sent++]!);
    }, everyMs);
    socket.write(head);
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString("utf8")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearInterval(timer);
      resolve({ reply, closedAfterMs: performance.now() - started });
    });
  });
}

const jsonBody = (reply: string) => JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4));

describe("slow clients cannot hold a connection past REQUEST_TIMEOUT_MS", () => {
  it("a body sent one byte at a time gets 408 request_timeout in the error shape, and the connection closes", async () => {
    const body = JSON.stringify({ query: "overdraft fee and more words to send slowly" });
    const head = `POST /v1/search HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
    const { reply, closedAfterMs } = await slowRequest(head, body, 200);
    expect(closedAfterMs).toBeLessThan(4000);
    expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(jsonBody(reply)).toEqual({ error: { code: "request_timeout", message: "The request did not arrive within 1000 ms (REQUEST_TIMEOUT_MS)." } });
  });

  it("headers sent one byte at a time are cut off too", async () => {
    const { reply, closedAfterMs } = await slowRequest("GET /healthz HTTP/1.1\r\n", "host: 127.0.0.1\r\nx-slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n", 200);
    expect(closedAfterMs).toBeLessThan(4000);
    expect(reply).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it("a malformed request line gets 400 invalid_request in the error shape", async () => {
    const { reply } = await slowRequest("NOT A REQUEST\r\n\r\n", "", 1000);
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(jsonBody(reply).error.code).toBe("invalid_request");
  });

  it("a fast request is unaffected", async () => {
    const response = await fetch(`${running.url}/v1/search`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query": "overdraft fee"}' });
    expect(response.status).toBe(200);
  });
});
