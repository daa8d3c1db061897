import { STATUS_CODES, type ServerOptions } from "node:http";
import type { Duplex } from "node:stream";

/**
 * Limits for clients that send slowly: the headers and the whole body must arrive within
 * REQUEST_TIMEOUT_MS (Node's defaults allow 60 s for headers and 300 s for the request), checked
 * often enough to hold for short settings. They do not cut a response that takes longer (a stream).
 */
export function slowClientLimits(requestTimeoutMs: number): Pick<ServerOptions, "requestTimeout" | "headersTimeout" | "connectionsCheckingInterval"> {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(requestTimeoutMs, 60_000),
    connectionsCheckingInterval: Math.min(1000, Math.ceil(requestTimeoutMs / 4)),
  };
}

/** What Node's HTTP parser or its timeouts reject before express sees the request, in the documented codes. */
export function clientErrorReply(error: NodeJS.ErrnoException, requestTimeoutMs: number): { status: number; code: string; message: string } {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    return { status: 408, code: "request_timeout", message: `The request did not arrive within ${requestTimeoutMs} ms (REQUEST_TIMEOUT_MS).` };
  }
  if (error.code === "HPE_HEADER_OVERFLOW") return { status: 431, code: "headers_too_large", message: "The request headers are too large." };
  return { status: 400, code: "invalid_request", message: "Malformed HTTP request." };
}

/**
 * The server's `clientError` listener: answers in the one error shape (Node's own reply has no body)
 * and closes the connection. A socket that is gone, or already carries a response, is just closed.
 */
export function onClientError(requestTimeoutMs: number) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const { status, code, message } = clientErrorReply(error, requestTimeoutMs);
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };
}
