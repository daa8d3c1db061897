import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import type { Config } from "../config/config.js";
import { UpstreamError, UpstreamTimeoutError } from "../errors.js";

/** A chat model for any OpenAI-compatible /v1/chat/completions endpoint. */
export function createChatModel(llm: Config["llm"]): BaseChatModel {
  return new ChatOpenAI({
    model: llm.model,
    apiKey: llm.apiKey ?? "not-needed",
    temperature: llm.temperature,
    maxTokens: llm.maxTokens,
    // Retries live in one layer (LangChain's caller); a timeout is not retried because the deadline covers the whole call.
    maxRetries: 1,
    streamUsage: true,
    configuration: { baseURL: llm.baseURL },
  });
}

/** The text of a message's content, whatever its shape (a string or a list of parts). */
export function messageText(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

export interface ChatCallOptions {
  /** Deadline of this call (LLM_TIMEOUT_MS). */
  timeoutMs: number;
  /** The caller's cancellation (client gone, request deadline): its abort is rethrown as it is. */
  signal?: AbortSignal;
  /** Stream the reply; `onText` sees the whole text so far after each piece. */
  stream?: boolean;
  onText?: (textSoFar: string) => void;
  /** What the call does, for error messages: "answer", "rewrite the follow-up". */
  purpose: string;
}

export interface ChatReply {
  text: string;
  usage?: { inputTokens: number; outputTokens: number };
}

const usageOf = (message: Pick<AIMessageChunk, "usage_metadata">): ChatReply["usage"] =>
  message.usage_metadata ? { inputTokens: message.usage_metadata.input_tokens, outputTokens: message.usage_metadata.output_tokens } : undefined;

/**
 * Calls a chat model with a deadline and the caller's abort signal: the one way every LLM call of
 * the service (answer, rewrite, judge) is made. A timeout becomes an UpstreamTimeoutError, any other
 * failure an UpstreamError with the upstream status; the caller's own abort is rethrown unchanged.
 */
export async function callChatModel(model: BaseChatModel, messages: BaseMessage[], options: ChatCallOptions): Promise<ChatReply> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    if (!options.stream) {
      const response = await model.invoke(messages, { signal });
      return { text: messageText(response.content), usage: usageOf(response) };
    }
    let text = "";
    let usage: ChatReply["usage"];
    for await (const chunk of (await model.stream(messages, { signal })) as AsyncIterable<AIMessageChunk>) {
      text += messageText(chunk.content);
      usage = usageOf(chunk) ?? usage;
      options.onText?.(text);
    }
    return { text, usage };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timeout.aborted) {
      throw new UpstreamTimeoutError(`The LLM endpoint did not ${options.purpose} within ${options.timeoutMs} ms (LLM_TIMEOUT_MS).`, { cause: error });
    }
    const status = (error as { status?: unknown }).status;
    throw new UpstreamError(`The LLM endpoint failed to ${options.purpose}: ${(error as Error).message}`, {
      cause: error,
      status: typeof status === "number" ? status : undefined,
    });
  }
}
