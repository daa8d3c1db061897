import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { initChatModel, MODEL_PROVIDER_CONFIG } from "langchain/chat_models/universal";
import { chatModelProvider, type Config } from "../config/config.js";
import { ConfigError, UpstreamError, UpstreamTimeoutError, upstreamStatusOf } from "../errors.js";

/** The extra package a provider needs, when it is not installed with the project. */
const PROVIDER_PACKAGES = MODEL_PROVIDER_CONFIG as Record<string, { package: string }>;

/** The provider each model from `createChatModel` talks to, for error hints that name the right settings. */
const MODEL_PROVIDERS = new WeakMap<BaseChatModel, string>();

/** The provider of a model made by `createChatModel` ("openai" for anything else: test models, the OpenAI-compatible route). */
export const providerOf = (model: BaseChatModel): string => MODEL_PROVIDERS.get(model) ?? "openai";

/**
 * A chat model from LLM_MODEL through langchain's `initChatModel`: a plain name goes to the
 * OpenAI-compatible endpoint (OPENAI_BASE_URL, OPENAI_API_KEY), `provider:model` to that provider's
 * package (`openai:gpt-4o-mini`, `ollama:llama3.2`, `anthropic:claude-...`), which reads its own
 * key and URL variables. A provider whose package is missing is a ConfigError naming the install command.
 */
export async function createChatModel(llm: Config["llm"]): Promise<BaseChatModel> {
  const provider = chatModelProvider(llm.model) ?? "openai";
  const model = chatModelProvider(llm.model) === undefined ? llm.model : llm.model.slice(provider.length + 1);
  const packageName = PROVIDER_PACKAGES[provider]!.package;
  try {
    await import(packageName);
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new ConfigError(
      `LLM_MODEL=${llm.model} needs the package ${packageName}: run \`npm install ${packageName}\`.` +
        (llm.baseURL ? ` To send "${llm.model}" to OPENAI_BASE_URL instead, write LLM_MODEL=openai:${llm.model}.` : ""),
    );
  }
  // Retries live in one layer, callWithDeadline's, which knows the deadline: LangChain's caller waits out a
  // Retry-After without looking at the abort signal, so a 429 could hold a request long past it.
  const common = { modelProvider: provider, temperature: llm.temperature, maxTokens: llm.maxTokens, maxRetries: 0 };
  const openAI = provider === "openai" ? { apiKey: llm.apiKey ?? "not-needed", streamUsage: true, configuration: { baseURL: llm.baseURL } } : {};
  const chatModel = (await initChatModel(model, { ...common, ...openAI })) as unknown as BaseChatModel;
  MODEL_PROVIDERS.set(chatModel, provider);
  return chatModel;
}

/** The text of a message's content, whatever its shape (a string or a list of parts). */
export function messageText(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

/**
 * Time kept back from a request's deadline for what runs after a failed LLM call: retrieval (after a
 * rewrite) and the offline fallback answer, which take milliseconds on the shipped corpora. An LLM call
 * never runs into this reserve, so a request with `LLM_FALLBACK=extractive` falls back instead of
 * ending in a 504.
 */
export const OFFLINE_FALLBACK_RESERVE_MS = 250;

/** Retries after a failed attempt (429, 5xx, connection error), each only when its wait ends before the call's deadline. */
const MAX_RETRIES = 1;
/** Wait before a retry when the endpoint sent no Retry-After. */
const RETRY_BACKOFF_MS = 500;

export interface ChatCallOptions {
  /** Deadline of this call (LLM_TIMEOUT_MS). */
  timeoutMs: number;
  /**
   * The request's deadline (ms since the epoch), shared by all LLM calls of one request: the call
   * gets at most what is left of it, minus OFFLINE_FALLBACK_RESERVE_MS.
   */
  deadline?: number;
  /** The caller's cancellation (client gone, request deadline): its abort is rethrown as it is. */
  signal?: AbortSignal;
  /** Stream the reply; `onText` sees the whole text so far after each piece. */
  stream?: boolean;
  onText?: (textSoFar: string) => void;
  /** What the call does, for error messages: "answer", "rewrite the follow-up". */
  purpose: string;
  /** The model's provider (`providerOf`), so error hints name its settings; "openai" when absent. */
  provider?: string;
  /** LangChain callbacks of the run this call belongs to (tracing). */
  callbacks?: Callbacks;
}

export interface ChatReply {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
}

export const usageOf = (message: Pick<AIMessageChunk, "usage_metadata">): ChatReply["usage"] =>
  message.usage_metadata ? { inputTokens: message.usage_metadata.input_tokens, outputTokens: message.usage_metadata.output_tokens } : undefined;

/** The time this call may take, and what limits it (for the timeout message). */
function callBudget(options: DeadlineOptions): { ms: number; limit: string } {
  if (options.deadline === undefined) return { ms: options.timeoutMs, limit: "LLM_TIMEOUT_MS" };
  const left = Math.floor(options.deadline - Date.now() - OFFLINE_FALLBACK_RESERVE_MS);
  return left < options.timeoutMs ? { ms: Math.max(0, left), limit: "what was left of REQUEST_TIMEOUT_MS" } : { ms: options.timeoutMs, limit: "LLM_TIMEOUT_MS" };
}

/** The Retry-After header of a failed attempt, in ms (seconds or an HTTP date). */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  const raw =
    headers instanceof Headers ? headers.get("retry-after") : typeof headers === "object" && headers !== null ? (headers as Record<string, unknown>)["retry-after"] : undefined;
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const isConnectionError = (error: unknown): boolean => (error as Error | undefined)?.name === "APIConnectionError";

function isRetryable(error: unknown): boolean {
  const status = upstreamStatusOf(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  return isConnectionError(error);
}

const STATUS_HINTS: Record<number, string> = {
  401: ": check OPENAI_API_KEY.",
  403: ": check OPENAI_API_KEY.",
  404: ": check LLM_MODEL and OPENAI_BASE_URL.",
  429: ": it is rate limiting this service.",
};

/** The same hints for a `provider:model` route, whose package reads its own key and URL variables. */
const providerHints = (provider: string): Record<number, string> => ({
  401: `: check the API key variable of the ${provider} provider.`,
  403: `: check the API key variable of the ${provider} provider.`,
  404: `: check LLM_MODEL and the ${provider} provider's URL variable.`,
  429: STATUS_HINTS[429]!,
});

/**
 * A failed call as an UpstreamError whose message is safe to show a client: the upstream status and
 * a hint, never the upstream's own words (an endpoint or proxy may echo the Authorization header).
 * The original error is the `cause`, for the log, which redacts it.
 */
export function upstreamFailure(error: unknown, purpose: string, provider = "openai"): UpstreamError {
  const status = upstreamStatusOf(error);
  const name = (error as Error | undefined)?.name ?? "";
  const hints = provider === "openai" ? STATUS_HINTS : providerHints(provider);
  let message: string;
  if (status !== undefined) message = `The LLM endpoint answered ${status} when asked to ${purpose}${hints[status] ?? "."}`;
  else if (error instanceof SyntaxError || name === "SyntaxError") message = `The LLM endpoint sent a reply that could not be read when asked to ${purpose}.`;
  else if (isConnectionError(error) || error instanceof TypeError) {
    const where = provider === "openai" ? "OPENAI_BASE_URL" : `that the ${provider} provider's server is running and its URL variable`;
    message = `The LLM endpoint could not be reached, or closed the connection, when asked to ${purpose}: check ${where}.`;
  } else message = `The LLM endpoint failed when asked to ${purpose}${/^[A-Za-z]{1,40}Error$/.test(name) && name !== "Error" ? ` (${name})` : ""}.`;
  return new UpstreamError(message, { cause: error, status });
}

/** Rejects with the signal's reason as soon as it aborts; `work` is left to end on its own (the signal cancels it). */
function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Waits `ms`, or rejects when the signal aborts first. */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  raceAbort(
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
    }),
    signal,
  );

/** One request to the model; `onText` stops being called once `live()` is false (the call was given up). */
async function attempt(model: BaseChatModel, messages: BaseMessage[], signal: AbortSignal, options: ChatCallOptions, live: () => boolean): Promise<ChatReply> {
  if (!options.stream) {
    const response = await model.invoke(messages, { signal, callbacks: options.callbacks });
    return { text: messageText(response.content), usage: usageOf(response) };
  }
  let text = "";
  let usage: ChatReply["usage"];
  for await (const chunk of (await model.stream(messages, { signal, callbacks: options.callbacks })) as AsyncIterable<AIMessageChunk>) {
    if (!live()) break;
    text += messageText(chunk.content);
    usage = usageOf(chunk) ?? usage;
    if (text !== "") options.onText?.(text);
  }
  return { text, usage };
}

/** When and how one LLM call may run (the part of ChatCallOptions that is not about the model's reply). */
export type DeadlineOptions = Pick<ChatCallOptions, "timeoutMs" | "deadline" | "signal" | "purpose" | "provider">;

/**
 * Runs one LLM call with a deadline and the caller's abort signal: the one place the service's
 * deadline and retry rules live, used by `callChatModel` and by the answer agent's model calls. The
 * call rejects at its deadline whatever the client library is doing (its `signal` aborts then); a
 * retry (429, 5xx, connection error, before any text was streamed) is made only when its wait ends
 * before the deadline. A timeout becomes an UpstreamTimeoutError, any other failure an UpstreamError
 * with the upstream status and a message safe for clients; the caller's own abort is rethrown unchanged.
 */
export async function callWithDeadline<T>(
  call: (signal: AbortSignal, live: () => boolean) => Promise<T>,
  options: DeadlineOptions & { streamed?: () => boolean },
): Promise<T> {
  const budget = callBudget(options);
  const timeoutError = () => new UpstreamTimeoutError(`The LLM endpoint did not ${options.purpose} within ${budget.ms} ms (${budget.limit}).`);
  options.signal?.throwIfAborted();
  if (budget.ms <= 0) throw new UpstreamTimeoutError(`The LLM endpoint was not asked to ${options.purpose}: the request's deadline (REQUEST_TIMEOUT_MS) left no time for it.`);
  const ends = Date.now() + budget.ms;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(timeoutError()), budget.ms);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  let live = true;
  try {
    for (let retries = 0; ; retries += 1) {
      try {
        return await raceAbort(call(signal, () => live), signal);
      } catch (error) {
        if (signal.aborted || retries >= MAX_RETRIES || options.streamed?.() || !isRetryable(error)) throw error;
        const wait = retryAfterMs(error) ?? RETRY_BACKOFF_MS;
        // A retry that could not start before the deadline is not made: the failure is reported now.
        if (Date.now() + wait >= ends) throw error;
        await sleep(wait, signal);
      }
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timeout.signal.aborted) throw timeout.signal.reason as UpstreamTimeoutError;
    throw upstreamFailure(error, options.purpose, options.provider);
  } finally {
    live = false;
    clearTimeout(timer);
  }
}

/**
 * Calls a chat model under `callWithDeadline`'s rules: the way the rewrite and the judge call the
 * model. `stream` streams the reply, `onText` sees the text so far after each piece.
 */
export function callChatModel(model: BaseChatModel, messages: BaseMessage[], options: ChatCallOptions): Promise<ChatReply> {
  let streamed = false;
  return callWithDeadline(
    (signal, live) => attempt(model, messages, signal, { ...options, onText: (text) => ((streamed = true), options.onText?.(text)) }, live),
    { ...options, provider: options.provider ?? providerOf(model), streamed: () => streamed },
  );
}
