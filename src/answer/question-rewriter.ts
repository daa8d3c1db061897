import type { Callbacks } from "@langchain/core/callbacks/manager";

/** One earlier message of a conversation. */
export interface ChatTurn {
  role: "user" | "assistant";
  content: string;
}

export interface RewriteInput {
  /** The follow-up as the user typed it. */
  question: string;
  /** Earlier turns, oldest first. */
  history: ChatTurn[];
  signal?: AbortSignal;
  /** The request's deadline (ms since the epoch): every LLM call of the request shares what is left of it. */
  deadline?: number;
  /** LangChain callbacks of the rewrite run, so the model call is traced inside it. */
  callbacks?: Callbacks;
}

export interface RewriteResult {
  /** A question that can be understood without the conversation (the input itself when it already is one). */
  question: string;
  warnings: string[];
}

/** Turns a follow-up question into a standalone question before retrieval. */
export interface QuestionRewriter {
  readonly name: string;
  rewrite(input: RewriteInput): Promise<RewriteResult>;
}
