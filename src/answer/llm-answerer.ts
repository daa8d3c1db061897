import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ChatPromptTemplate } from "@langchain/core/prompts";
import type { ScoringSettings } from "../config/scoring.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { callChatModel, type ChatReply } from "./chat-model.js";
import { parseCitationMarkers, sentencesCiting } from "./citation-markers.js";
import { bestCoverage, scorePassages } from "./passage-scoring.js";
import { bestSnippet } from "./passages.js";
import { formatSources } from "./prompts.js";
import { missingNameRefusal, refusalText } from "./refusal.js";
import type { AnswerDraft, AnswerInput, Answerer } from "./types.js";

/** What the model replies when the sources do not answer the question (asked for in prompts/answer-system.md). */
export const NOT_IN_DOCUMENTS = "NOT_IN_DOCUMENTS";

export interface LlmAnswererSettings {
  minSupport: number;
  timeoutMs: number;
  stream: boolean;
  corpusDescription: string;
  passages: ScoringSettings["passages"];
}

export interface LlmAnswererDeps {
  model: BaseChatModel;
  prompt: ChatPromptTemplate;
  statistics: TermStatistics;
  settings: LlmAnswererSettings;
  /** Used when the model fails or times out; without it the error goes to the caller. */
  fallback?: Answerer;
}

/**
 * Answers with a chat model through any OpenAI-compatible endpoint. Support below the threshold
 * refuses without calling the model; the model's [n] markers are validated against the sources;
 * failures and timeouts become typed errors or fall back to the offline answerer.
 */
export function createLlmAnswerer(deps: LlmAnswererDeps): Answerer {
  const { settings } = deps;
  const refusal = (support: number, usage?: AnswerDraft["usage"]): AnswerDraft => ({
    text: refusalText(settings.corpusDescription),
    refused: true,
    cited: [],
    usedAnswerer: "llm",
    droppedCitations: 0,
    support,
    warnings: [],
    usage,
  });

  return {
    name: "llm",
    async answer(input: AnswerInput): Promise<AnswerDraft> {
      if (input.missing?.length) {
        const refusal = { ...missingNameRefusal(input.missing, input.chunks), refused: true, usedAnswerer: "llm", droppedCitations: 0, support: 0, warnings: [] };
        input.onToken?.(refusal.text);
        return refusal;
      }
      const support = input.support ?? bestCoverage(scorePassages(input.query, input.chunks, deps.statistics, settings.passages));
      if (input.chunks.length === 0 || support < settings.minSupport) {
        const draft = refusal(support);
        input.onToken?.(draft.text);
        return draft;
      }
      const messages = await deps.prompt.formatMessages({
        corpus_description: settings.corpusDescription,
        sources: formatSources(input.chunks),
        question: input.query.text,
      });
      let emitted = 0;
      let reply: ChatReply;
      try {
        reply = await callChatModel(deps.model, messages, {
          timeoutMs: settings.timeoutMs,
          deadline: input.deadline,
          signal: input.signal,
          stream: settings.stream || input.onToken !== undefined,
          purpose: "answer",
          onText: (text) => {
            // Hold tokens back while the reply could still be the refusal sentinel.
            const trimmed = text.trimStart();
            if (NOT_IN_DOCUMENTS.startsWith(trimmed) || trimmed.startsWith(NOT_IN_DOCUMENTS)) return;
            input.onToken?.(text.slice(emitted));
            emitted = text.length;
          },
        });
      } catch (error) {
        if (input.signal?.aborted || !deps.fallback) throw error;
        // The partial text already streamed is not part of the fallback's answer.
        if (emitted > 0) input.onReset?.();
        const draft = await deps.fallback.answer({ ...input, signal: undefined });
        return { ...draft, usedAnswerer: `${draft.usedAnswerer}-fallback`, warnings: [...draft.warnings, (error as Error).message] };
      }
      const text = reply.text.trim();
      if (text.startsWith(NOT_IN_DOCUMENTS) || text === "") {
        const draft = refusal(support, reply.usage);
        input.onToken?.(draft.text);
        return draft;
      }
      const parsed = parseCitationMarkers(text, input.chunks.length);
      const warnings = parsed.cited.length === 0 ? ["The model's answer cites no source."] : [];
      if (parsed.dropped > 0) warnings.push(`Dropped ${parsed.dropped} citation(s) that pointed at no retrieved source.`);
      return {
        text: parsed.text,
        refused: false,
        cited: parsed.cited.map((n) => ({ n, snippet: bestSnippet(input.chunks[n - 1]!, sentencesCiting(parsed.text, n), deps.statistics, settings.passages) })),
        usedAnswerer: "llm",
        droppedCitations: parsed.dropped,
        support,
        warnings,
        usage: reply.usage,
      };
    },
  };
}
