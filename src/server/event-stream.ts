import type { Response } from "express";

/** A Server-Sent Events response. */
export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
}

const HEARTBEAT_MS = 15_000;

/** Starts an SSE response: headers now, then one `event:`/`data:` block per send, a comment line as heartbeat. */
export function openEventStream(response: Response): EventStream {
  response.status(200);
  response.setHeader("content-type", "text/event-stream; charset=utf-8");
  response.setHeader("cache-control", "no-cache, no-transform");
  // Tell nginx-style proxies not to buffer the stream.
  response.setHeader("x-accel-buffering", "no");
  response.flushHeaders();
  const writable = () => !response.writableEnded && !response.destroyed;
  const heartbeat = setInterval(() => {
    if (writable()) response.write(": keep-alive\n\n");
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    send(event, data) {
      if (writable()) response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    end() {
      clearInterval(heartbeat);
      if (writable()) response.end();
    },
  };
}
