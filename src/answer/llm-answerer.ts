import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ScoringSettings } from "../config/scoring.js";
import type { TermStatistics } from "../retrieval/term-statistics.js";
import { type AnswerAgentReply, NumberedSources, runAnswerAgent } from "./answer-agent.js";
import { parseCitationMarkers, sentencesCiting } from "./citation-markers.js";
import { bestCoverage, scorePassages } from "./passage-scoring.js";
import { bestSnippet } from "./passages.js";
import type { AnswerPrompts } from "./prompts.js";
import { missingNameRefusal, refusalText, unseenYearsRefusal } from "./refusal.js";
import type { AnswerDraft, AnswerInput, Answerer } from "./types.js";

/** What the model replies when the sources do not answer the question (asked for in prompts/answer-system.md). */
export const NOT_IN_DOCUMENTS = "NOT_IN_DOCUMENTS";

export interface LlmAnswererSettings {
  minSupport: number;
  timeoutMs: number;
  stream: boolean;
  corpusDescription: string;
  passages: ScoringSettings["passages"];
  /** LLM_MODE: `chain` (one model call on the retrieved sources) or `agent` (the model may also search). */
  mode: "chain" | "agent";
  /** LLM_AGENT_MAX_SEARCHES: agent mode's searches per question. */
  maxSearches: number;
}

export interface LlmAnswererDeps {
  model: BaseChatModel;
  prompts: AnswerPrompts;
  statistics: TermStatistics;
  settings: LlmAnswererSettings;
  /** Used when the model fails or times out; without it the error goes to the caller. */
  fallback?: Answerer;
}

/**
 * Answers with a chat model, run as a LangChain agent (`answer-agent.ts`) in chain or agent mode.
 * Named things the documents never mention, or support below the threshold, refuse without calling
 * the model; the model's [n] markers are validated against the sources; failures and timeouts become
 * typed errors or fall back to the offline answerer. Chain mode streams tokens; agent mode sends the
 * answer in one piece once the model stopped searching.
 */
export function createLlmAnswerer(deps: LlmAnswererDeps): Answerer {
  const { settings } = deps;
  const refusal = (support: number, usage?: AnswerDraft["usage"], unseenYears: string[] = []): AnswerDraft => ({
    text: unseenYears.length > 0 ? unseenYearsRefusal(unseenYears) : refusalText(settings.corpusDescription),
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
        const draft = refusal(support, undefined, input.unseenYears);
        input.onToken?.(draft.text);
        return draft;
      }
      const sources = new NumberedSources(input.chunks);
      const agentMode = settings.mode === "agent" && input.retriever !== undefined;
      let emitted = 0;
      let reply: AnswerAgentReply;
      try {
        reply = await runAnswerAgent({
          model: deps.model,
          prompts: deps.prompts,
          corpusDescription: settings.corpusDescription,
          question: input.query.text,
          sources,
          search: agentMode ? { retriever: input.retriever!, maxSearches: settings.maxSearches } : undefined,
          deadline: { timeoutMs: settings.timeoutMs, deadline: input.deadline, signal: input.signal },
          callbacks: input.callbacks,
          onText:
            !agentMode && (settings.stream || input.onToken !== undefined)
              ? (text) => {
                  // Hold tokens back while the reply could still be the refusal sentinel.
                  const trimmed = text.trimStart();
                  if (NOT_IN_DOCUMENTS.startsWith(trimmed) || trimmed.startsWith(NOT_IN_DOCUMENTS)) return;
                  input.onToken?.(text.slice(emitted));
                  emitted = text.length;
                }
              : undefined,
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
      const parsed = parseCitationMarkers(text, sources.chunks.length);
      const warnings = parsed.cited.length === 0 ? ["The model's answer cites no source."] : [];
      if (parsed.dropped > 0) warnings.push(`Dropped ${parsed.dropped} citation(s) that pointed at no retrieved source.`);
      // Agent mode sends the answer in one piece, with the invalid markers already dropped.
      if (emitted === 0) input.onToken?.(parsed.text);
      return {
        text: parsed.text,
        refused: false,
        cited: parsed.cited.map((n) => ({ n, snippet: bestSnippet(sources.chunks[n - 1]!, sentencesCiting(parsed.text, n), deps.statistics, settings.passages) })),
        ...(sources.chunks.length > input.chunks.length ? { sources: sources.chunks } : {}),
        usedAnswerer: agentMode ? "llm-agent" : "llm",
        droppedCitations: parsed.dropped,
        support,
        warnings,
        usage: reply.usage,
      };
    },
  };
}
