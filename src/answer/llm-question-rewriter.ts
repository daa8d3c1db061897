import { readFile } from "node:fs/promises";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { UpstreamError, UpstreamTimeoutError } from "../errors.js";
import { PROMPTS_DIR } from "./prompts.js";
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

/** The rewrite prompt, from prompts/rewrite-question.md. */
export async function loadRewritePrompt(directory: string = PROMPTS_DIR): Promise<ChatPromptTemplate> {
  const text = await readFile(path.join(directory, "rewrite-question.md"), "utf8");
  return ChatPromptTemplate.fromMessages([["human", text.trim()]]);
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

function replyText(content: BaseMessage["content"]): string {
  if (typeof content === "string") return content;
  return content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
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
      const timeout = AbortSignal.timeout(deps.timeoutMs);
      const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
      try {
        const response = await deps.model.invoke(messages, { signal });
        const question = cleanRewrite(replyText(response.content), deps.maxChars);
        if (question !== "") return { question, warnings: [] };
        if (!deps.fallback) throw new UpstreamError("The LLM endpoint returned an empty rewrite of the follow-up question.");
        const offline = await deps.fallback.rewrite(input);
        return { ...offline, warnings: [...offline.warnings, "The model returned an empty rewrite; the question was rewritten offline."] };
      } catch (error) {
        if (input.signal?.aborted || (error instanceof UpstreamError && !deps.fallback)) throw error;
        const failure = timeout.aborted
          ? new UpstreamTimeoutError(`The LLM endpoint did not rewrite the follow-up within ${deps.timeoutMs} ms (LLM_TIMEOUT_MS).`, { cause: error })
          : new UpstreamError(`The LLM endpoint failed to rewrite the follow-up: ${(error as Error).message}`, { cause: error });
        if (!deps.fallback) throw failure;
        const offline = await deps.fallback.rewrite(input);
        return { ...offline, warnings: [...offline.warnings, `${failure.message} It was rewritten offline.`] };
      }
    },
  };
}
