import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import type { ChatPromptTemplate } from "@langchain/core/prompts";
import { UpstreamError, UpstreamTimeoutError } from "../errors.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { parseCitationMarkers, sentencesCiting } from "./citation-markers.js";
import { bestSnippet } from "./evidence.js";
import { scoreUnits } from "./extractive-answerer.js";
import { formatSources } from "./prompts.js";
import { type AnswerDraft, type AnswerInput, type Answerer, refusalText } from "./types.js";

/** What the model replies when the sources do not answer the question (asked for in prompts/answer-system.md). */
export const NOT_IN_DOCUMENTS = "NOT_IN_DOCUMENTS";

export interface LlmAnswererSettings {
  minEvidence: number;
  timeoutMs: number;
  stream: boolean;
  corpusDescription: string;
}

export interface LlmAnswererDeps {
  model: BaseChatModel;
  prompt: ChatPromptTemplate;
  statistics: TermStatistics;
  settings: LlmAnswererSettings;
  /** Used when the model fails or times out; without it the error goes to the caller. */
  fallback?: Answerer;
}

function contentText(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

/**
 * Answers with a chat model through any OpenAI-compatible endpoint. Retrieval evidence below the
 * threshold refuses without calling the model; the model's [n] markers are validated against the
 * sources; failures and timeouts become typed errors or fall back to the offline answerer.
 */
export function createLlmAnswerer(deps: LlmAnswererDeps): Answerer {
  const { settings } = deps;
  const refusal = (evidence: number, usage?: AnswerDraft["usage"]): AnswerDraft => ({
    text: refusalText(settings.corpusDescription),
    refused: true,
    cited: [],
    usedAnswerer: "llm",
    droppedCitations: 0,
    evidence,
    warnings: [],
    usage,
  });

  async function generate(messages: BaseMessage[], input: AnswerInput, signal: AbortSignal) {
    let usage: AnswerDraft["usage"];
    if (!settings.stream && !input.onToken) {
      const response = await deps.model.invoke(messages, { signal });
      if (response.usage_metadata) usage = { inputTokens: response.usage_metadata.input_tokens, outputTokens: response.usage_metadata.output_tokens };
      return { text: contentText(response.content), usage };
    }
    let text = "";
    let emitted = 0;
    const stream = await deps.model.stream(messages, { signal });
    for await (const chunk of stream as AsyncIterable<AIMessageChunk>) {
      text += contentText(chunk.content);
      if (chunk.usage_metadata) usage = { inputTokens: chunk.usage_metadata.input_tokens, outputTokens: chunk.usage_metadata.output_tokens };
      // Hold tokens back while the reply could still be the refusal sentinel.
      const trimmed = text.trimStart();
      if (NOT_IN_DOCUMENTS.startsWith(trimmed) || trimmed.startsWith(NOT_IN_DOCUMENTS)) continue;
      input.onToken?.(text.slice(emitted));
      emitted = text.length;
    }
    return { text, usage };
  }

  return {
    name: "llm",
    async answer(input: AnswerInput): Promise<AnswerDraft> {
      const evidence =
        input.evidence ?? scoreUnits(input.question, input.chunks, deps.statistics).reduce((best, unit) => Math.max(best, unit.coverage), 0);
      if (input.chunks.length === 0 || evidence < settings.minEvidence) {
        const draft = refusal(evidence);
        input.onToken?.(draft.text);
        return draft;
      }
      const messages = await deps.prompt.formatMessages({
        corpus_description: settings.corpusDescription,
        sources: formatSources(input.chunks),
        question: input.question,
      });
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
      let generated: Awaited<ReturnType<typeof generate>>;
      let streamed = false;
      const onToken =
        input.onToken &&
        ((token: string) => {
          streamed = true;
          input.onToken!(token);
        });
      try {
        generated = await generate(messages, { ...input, onToken }, signal);
      } catch (error) {
        if (input.signal?.aborted) throw error;
        const failure = timeout.aborted
          ? new UpstreamTimeoutError(`The LLM endpoint did not answer within ${settings.timeoutMs} ms (LLM_TIMEOUT_MS).`, { cause: error })
          : new UpstreamError(`The LLM endpoint failed: ${(error as Error).message}`, {
              cause: error,
              status: typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : undefined,
            });
        if (!deps.fallback) throw failure;
        // The partial text already streamed is not part of the fallback's answer.
        if (streamed) input.onReset?.();
        const draft = await deps.fallback.answer({ ...input, signal: undefined });
        return { ...draft, usedAnswerer: `${draft.usedAnswerer}-fallback`, warnings: [...draft.warnings, failure.message] };
      }
      const reply = generated.text.trim();
      if (reply.startsWith(NOT_IN_DOCUMENTS) || reply === "") {
        const draft = refusal(evidence, generated.usage);
        input.onToken?.(draft.text);
        return draft;
      }
      const parsed = parseCitationMarkers(reply, input.chunks.length);
      const warnings = parsed.cited.length === 0 ? ["The model's answer cites no source."] : [];
      if (parsed.dropped > 0) warnings.push(`Dropped ${parsed.dropped} citation(s) that pointed at no retrieved source.`);
      return {
        text: parsed.text,
        refused: false,
        cited: parsed.cited.map((n) => ({ n, snippet: bestSnippet(input.chunks[n - 1]!, sentencesCiting(parsed.text, n), deps.statistics) })),
        usedAnswerer: "llm",
        droppedCitations: parsed.dropped,
        evidence,
        warnings,
        usage: generated.usage,
      };
    },
  };
}
