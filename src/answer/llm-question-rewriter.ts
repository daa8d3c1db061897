import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { ChatPromptTemplate } from "@langchain/core/prompts";
import { UpstreamError } from "../errors.js";
import { callChatModel } from "./chat-model.js";
import type { ChatTurn, QuestionRewriter, RewriteInput, RewriteResult } from "./question-rewriter.js";

export interface LlmRewriterDeps {
  model: BaseChatModel;
  prompt: ChatPromptTemplate;
  corpusDescription: string;
  timeoutMs: number;
  /** Longest question the rewriter may return (MAX_QUESTION_CHARS). */
  maxChars: number;
  /** Used when the model fails or times out; without it the error goes to the caller. */
  fallback?: QuestionRewriter;
}

const MAX_HISTORY_TURNS = 6;
const MAX_TURN_CHARS = 600;

function formatHistory(history: ChatTurn[]): string {
  return history
    .slice(-MAX_HISTORY_TURNS)
    .map((turn) => {
      const content = turn.content.length > MAX_TURN_CHARS ? `${turn.content.slice(0, MAX_TURN_CHARS)}…` : turn.content;
      return `${turn.role === "user" ? "User" : "Assistant"}: ${content.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\s+/g, " ")}`;
    })
    .join("\n");
}

/** The model's reply as one clean question: first line, no label, no quotes. */
export function cleanRewrite(reply: string, maxChars: number): string {
  const line = reply.split("\n").map((candidate) => candidate.trim()).find((candidate) => candidate !== "") ?? "";
  const text = line.replace(/^(?:standalone question|question)\s*:\s*/i, "").replace(/^["'“”]+|["'“”]+$/g, "").trim();
  return text.slice(0, maxChars);
}

/** Rewrites with a chat model through any OpenAI-compatible endpoint. */
export function createLlmRewriter(deps: LlmRewriterDeps): QuestionRewriter {
  return {
    name: "llm",
    async rewrite(input: RewriteInput): Promise<RewriteResult> {
      if (input.history.length === 0) return { question: input.question.trim(), warnings: [] };
      const messages = await deps.prompt.formatMessages({
        corpus_description: deps.corpusDescription,
        history: formatHistory(input.history),
        question: input.question.replace(/\s+/g, " ").trim(),
      });
      try {
        const reply = await callChatModel(deps.model, messages, {
          timeoutMs: deps.timeoutMs,
          deadline: input.deadline,
          signal: input.signal,
          callbacks: input.callbacks,
          purpose: "rewrite the follow-up",
        });
        const question = cleanRewrite(reply.text, deps.maxChars);
        if (question !== "") return { question, warnings: [] };
        if (!deps.fallback) throw new UpstreamError("The LLM endpoint returned an empty rewrite of the follow-up question.");
        const offline = await deps.fallback.rewrite(input);
        return { ...offline, warnings: [...offline.warnings, "The model returned an empty rewrite; the question was rewritten offline."] };
      } catch (error) {
        if (input.signal?.aborted || !deps.fallback) throw error;
        const offline = await deps.fallback.rewrite(input);
        return { ...offline, warnings: [...offline.warnings, `${(error as Error).message} It was rewritten offline.`] };
      }
    },
  };
}
