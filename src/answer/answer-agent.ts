import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Callbacks } from "@langchain/core/callbacks/manager";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import type { BaseRetrieverInterface } from "@langchain/core/retrievers";
import { createAgent, createMiddleware, dynamicSystemPromptMiddleware, tool } from "langchain";
import { z } from "zod";
import { documentToRetrievedChunk } from "../retrieval/index-retriever.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { callWithDeadline, type ChatReply, type DeadlineOptions, messageText, providerOf, upstreamFailure, usageOf } from "./chat-model.js";
import { type AnswerPrompts, formatNumberedSources, formatSources } from "./prompts.js";

/** The name of agent mode's search tool (prompts/answer-agent.md tells the model about it). */
export const SEARCH_TOOL = "search_documents";

/** The sources of one answer, numbered once: the retrieved chunks are 1..k, a search adds what is new after them and a chunk found again keeps its number. */
export class NumberedSources {
  readonly chunks: RetrievedChunk[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(chunks: RetrievedChunk[]) {
    for (const chunk of chunks) this.add(chunk);
  }

  /** The chunk's number, given now if it is new. */
  add(chunk: RetrievedChunk): number {
    const known = this.numbers.get(chunk.id);
    if (known !== undefined) return known;
    this.chunks.push(chunk);
    this.numbers.set(chunk.id, this.chunks.length);
    return this.chunks.length;
  }
}

export interface AnswerAgentOptions {
  model: BaseChatModel;
  prompts: AnswerPrompts;
  corpusDescription: string;
  question: string;
  /** The sources the system prompt carries; agent mode's searches add to them. */
  sources: NumberedSources;
  /** Agent mode: the request's retriever (its topK and filters), offered to the model as the search tool. Without it, chain mode: one model call. */
  search?: { retriever: BaseRetrieverInterface; maxSearches: number };
  /** The deadline of each model call (purpose "answer"). */
  deadline: Omit<DeadlineOptions, "purpose">;
  /** Stream the reply: `onText` sees the whole text so far after each token (chain mode). */
  onText?: (textSoFar: string) => void;
  callbacks?: Callbacks;
}

export interface AnswerAgentReply extends ChatReply {
  /** Searches the model made with the tool (agent mode). */
  searches: number;
}

/** Passes a model's tokens on while its call is live; `lc_prefer_streaming` makes LangChain stream the call. */
class TokenRelay extends BaseCallbackHandler {
  name = "answer_token_relay";
  lc_prefer_streaming = true;
  text = "";
  live: () => boolean = () => true;

  constructor(private readonly onText: (textSoFar: string) => void) {
    super();
  }

  override handleLLMNewToken(token: string): void {
    if (!this.live() || token === "") return;
    this.text += token;
    this.onText(this.text);
  }
}

function withHandler(callbacks: Callbacks | undefined, handler: BaseCallbackHandler): Callbacks {
  if (!callbacks) return [handler];
  if (Array.isArray(callbacks)) return [...callbacks, handler];
  return callbacks.copy([handler]);
}

/** The first error in a chain of causes that is one of ours (LangGraph wraps what middleware throws). */
function unwrap(error: unknown, own: Set<unknown>): unknown {
  for (let current: unknown = error; current instanceof Error; current = current.cause) if (own.has(current)) return current;
  return error;
}

/**
 * Answers with a LangChain v1 agent (`createAgent`). Middleware puts the numbered sources into the
 * system prompt and runs every model call under the service's deadline and retry rules
 * (`callWithDeadline`). Chain mode has no tools: exactly one model call. Agent mode gives the model
 * the `search_documents` tool over the request's retriever, so it can search again (up to
 * `maxSearches` times) for multi-document and comparison questions; what it finds is numbered after
 * the sources it already has. Failures reject with the UpstreamError / UpstreamTimeoutError of the
 * failed call; the caller's abort is rethrown as its reason.
 */
export async function runAnswerAgent(options: AnswerAgentOptions): Promise<AnswerAgentReply> {
  const { sources, search } = options;
  const system = await options.prompts.system.format({
    corpus_description: options.corpusDescription,
    search_instructions: search ? `\n${options.prompts.searchInstructions}\n` : "",
    sources: formatSources(sources.chunks),
  });
  const user = await options.prompts.user.format({ question: options.question });

  // Aborted when a model call is given up (its deadline), so the graph and the HTTP request stop too.
  const run = new AbortController();
  const failures = new Set<unknown>();
  const relay = options.onText ? new TokenRelay(options.onText) : undefined;
  const deadline = createMiddleware({
    name: "deadline",
    wrapModelCall: (request, handler) =>
      callWithDeadline(
        (signal, live) => {
          if (relay) relay.live = live;
          const stop = () => run.abort(signal.reason);
          signal.addEventListener("abort", stop, { once: true });
          return Promise.resolve(handler(request)).finally(() => signal.removeEventListener("abort", stop));
        },
        { ...options.deadline, purpose: "answer", provider: providerOf(options.model), streamed: () => (relay?.text ?? "") !== "" },
      ).catch((error: unknown) => {
        failures.add(error);
        throw error;
      }),
  });

  let searches = 0;
  const tools = search
    ? [
        tool(
          async ({ query }, config) => {
            if (searches >= search.maxSearches) return "No more searches: answer from the sources you have, or reply NOT_IN_DOCUMENTS.";
            searches += 1;
            const documents = await search.retriever.invoke(query, { callbacks: config?.callbacks, signal: config?.signal });
            if (documents.length === 0) return "No source matched this search.";
            return formatNumberedSources(documents.map(documentToRetrievedChunk).map((chunk) => ({ n: sources.add(chunk), chunk })));
          },
          {
            name: SEARCH_TOOL,
            description: "Searches the documents (with the question's filters) and returns numbered sources to cite as [n].",
            schema: z.object({ query: z.string().min(1).describe("what to look for: one subject, a few specific words") }),
          },
        ),
      ]
    : [];

  // Built per answer (a few ms): its middleware and tool close over this request's sources and deadline.
  const agent = createAgent({
    model: options.model,
    tools,
    middleware: [dynamicSystemPromptMiddleware(() => system), deadline],
    name: "answer_agent",
  });
  const signal = options.deadline.signal ? AbortSignal.any([options.deadline.signal, run.signal]) : run.signal;
  try {
    const state = await agent.invoke(
      { messages: [new HumanMessage(user)] },
      {
        signal,
        callbacks: relay ? withHandler(options.callbacks, relay) : options.callbacks,
        // A backstop only: the tool stops searching after maxSearches, and each search is two graph steps.
        recursionLimit: 4 * ((search?.maxSearches ?? 0) + 2),
      },
    );
    const replies = state.messages.filter((message) => AIMessage.isInstance(message));
    const last = replies.at(-1);
    const usages = replies.map(usageOf).filter((usage) => usage !== undefined);
    const usage = usages.length === 0 ? undefined : usages.reduce((sum, next) => ({ inputTokens: sum.inputTokens + next.inputTokens, outputTokens: sum.outputTokens + next.outputTokens }));
    return { text: last ? messageText(last.content) : "", usage, searches };
  } catch (error) {
    if (options.deadline.signal?.aborted) throw options.deadline.signal.reason;
    const own = unwrap(error, failures);
    throw failures.has(own) ? own : upstreamFailure(own, "answer", providerOf(options.model));
  }
}
