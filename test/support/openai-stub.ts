import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";

/** What the stub does with the next chat request. */
export interface StubBehaviour {
  /** The reply, or a function of the request's last message (to answer the rewrite and the answer prompts differently). */
  reply: string | ((lastMessage: string) => string);
  status?: number;
  delayMs?: number;
  /** Pause between streamed pieces, so a client can cancel mid-stream. */
  tokenDelayMs?: number;
  /** Streamed replies only: cut the connection after this many pieces (a stream that fails midway). */
  failAfterPieces?: number;
  /** Streamed replies only: stop sending after this many pieces and keep the connection open (a stalled stream). */
  hangAfterPieces?: number;
  /** Extra response headers, e.g. `{"retry-after": "20"}` with status 429. */
  headers?: Record<string, string>;
  /** With an error status: the error message echoes the request's Authorization header, as some proxies do. */
  echoAuthorization?: boolean;
  /** Answer 200 with a body that is not JSON (JSON replies) or a data line that is not JSON (streamed replies). */
  malformed?: boolean;
  /** JSON replies only: while it holds entries, each request takes the next and is answered with these tool calls instead of `reply`. */
  toolCalls?: Array<Array<{ name: string; arguments: Record<string, unknown> }>>;
  /** A scripted model: decides each chat request's reply (or, JSON replies only, its tool calls) from the request body. Overrides `reply` and `toolCalls`. */
  respond?: (body: ChatRequestBody) => { reply: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> };
  /** Report usage estimated from the request's and the reply's lengths (4 characters a token) instead of fixed numbers. */
  estimateUsage?: boolean;
}

/** The parts of a chat request body the stub reads. */
export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content: string | null }>;
  tools?: Array<{ function: { name: string } }>;
}

/** Tokens estimated from characters, the way the stub reports usage when `estimateUsage` is set. */
export const estimateTokens = (characters: number): number => Math.ceil(characters / 4);

export interface OpenAIStub {
  baseURL: string;
  /** Bodies of the chat requests received, in order. */
  chatRequests: ChatRequestBody[];
  embeddingRequests: Array<{ model: string; input: string[] }>;
  behaviour: StubBehaviour;
  /** How the embeddings route fails, when set: an error status, or a delay before answering (a slow or hung endpoint). */
  embeddingFailure?: { status?: number; delayMs?: number };
  /** Chat requests whose client closed the connection before the reply was complete. */
  cancelled: number;
  close(): Promise<void>;
}

/** Deterministic toy embedding for the stub: counts of letters a-z, so similar texts get similar vectors. */
function toyEmbedding(text: string, dimensions = 26): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const character of text.toLowerCase()) {
    const code = character.charCodeAt(0) - 97;
    if (code >= 0 && code < 26) vector[code % dimensions]! += 1;
  }
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
  return vector.map((value) => value / norm);
}

/** A loopback stand-in for the OpenAI API: /v1/chat/completions (JSON and SSE) and /v1/embeddings. */
export async function startOpenAIStub(): Promise<OpenAIStub> {
  const app = express();
  app.use(express.json({ limit: "10mb" }));
  const stub: Omit<OpenAIStub, "baseURL" | "close"> = {
    chatRequests: [],
    embeddingRequests: [],
    behaviour: { reply: "OK [1]" },
    cancelled: 0,
  };
  app.post("/v1/chat/completions", async (request, response) => {
    stub.chatRequests.push(request.body);
    const { status, delayMs, tokenDelayMs, failAfterPieces, hangAfterPieces, headers, echoAuthorization, malformed } = stub.behaviour;
    const messages: ChatRequestBody["messages"] = request.body.messages ?? [];
    const decided = stub.behaviour.respond?.(request.body);
    const reply = decided
      ? "reply" in decided
        ? decided.reply
        : ""
      : typeof stub.behaviour.reply === "function"
        ? stub.behaviour.reply(messages.at(-1)?.content ?? "")
        : stub.behaviour.reply;
    const promptCharacters = messages.reduce((sum, message) => sum + (message.content?.length ?? 0), 0) + JSON.stringify(request.body.tools ?? []).length;
    const usageFor = (completionCharacters: number, fixed: { prompt_tokens: number; completion_tokens: number }) => {
      const counts = stub.behaviour.estimateUsage ? { prompt_tokens: estimateTokens(promptCharacters), completion_tokens: estimateTokens(completionCharacters) } : fixed;
      return { ...counts, total_tokens: counts.prompt_tokens + counts.completion_tokens };
    };
    let finished = false;
    response.on("close", () => {
      if (!finished) stub.cancelled += 1;
    });
    response.on("finish", () => {
      finished = true;
    });
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    if (headers) response.set(headers);
    if (status && status >= 400) {
      const message = echoAuthorization ? `Incorrect API key provided. Received header: Authorization: ${request.header("authorization")}` : "stub upstream failure";
      response.status(status).json({ error: { message, type: echoAuthorization ? "invalid_request_error" : "server_error", code: echoAuthorization ? "invalid_api_key" : null } });
      return;
    }
    if (malformed && !request.body.stream) {
      response.status(200).type("application/json").send('{"id": "chatcmpl-stub", "choices": [{"message": ');
      return;
    }
    const base = { id: "chatcmpl-stub", created: 1_700_000_000, model: request.body.model };
    const toolCalls = request.body.stream ? undefined : decided ? ("toolCalls" in decided ? decided.toolCalls : undefined) : stub.behaviour.toolCalls?.shift();
    if (toolCalls) {
      const calls = toolCalls.map((call, index) => ({ id: `call_${stub.chatRequests.length}_${index}`, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
      response.json({
        ...base,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: null, tool_calls: calls }, finish_reason: "tool_calls" }],
        usage: usageFor(JSON.stringify(calls).length, { prompt_tokens: 100, completion_tokens: 10 }),
      });
      return;
    }
    if (request.body.stream) {
      response.setHeader("content-type", "text/event-stream");
      // The first piece carries the role, as OpenAI's does (clients build the message's type from it).
      const pieces = reply.match(/.{1,7}/gs) ?? [];
      if (malformed) {
        response.end('data: {"choices": [{"delta": \n\ndata: [DONE]\n\n');
        return;
      }
      for (const [index, piece] of pieces.entries()) {
        if (index === hangAfterPieces) return;
        if (tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, tokenDelayMs));
        if (response.destroyed) return;
        if (index === failAfterPieces) {
          // Let the pieces already written reach the client before the connection drops.
          await new Promise((resolve) => setTimeout(resolve, 50));
          response.destroy();
          return;
        }
        response.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta: index === 0 ? { role: "assistant", content: piece } : { content: piece }, finish_reason: null }] })}\n\n`);
      }
      response.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}\n\n`);
      response.write(`data: ${JSON.stringify({ ...base, object: "chat.completion.chunk", choices: [], usage: usageFor(reply.length, { prompt_tokens: 120, completion_tokens: 30 }) })}\n\n`);
      response.end("data: [DONE]\n\n");
      return;
    }
    response.json({
      ...base,
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content: reply }, finish_reason: "stop" }],
      usage: usageFor(reply.length, { prompt_tokens: 120, completion_tokens: 30 }),
    });
  });
  app.post("/v1/embeddings", async (request, response) => {
    const input: string[] = Array.isArray(request.body.input) ? request.body.input : [request.body.input];
    stub.embeddingRequests.push({ model: request.body.model, input });
    const failure = stub.embeddingFailure;
    if (failure?.delayMs) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
    if (response.destroyed) return;
    if (failure?.status) {
      response.status(failure.status).json({ error: { message: "stub embeddings failure", type: "server_error", code: null } });
      return;
    }
    response.json({
      object: "list",
      model: request.body.model,
      data: input.map((text, index) => ({ object: "embedding", index, embedding: toyEmbedding(String(text)) })),
      usage: { prompt_tokens: input.length, total_tokens: input.length },
    });
  });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as OpenAIStub;
}
