import type { Config } from "../config/config.js";
import { createChatModel } from "./chat-model.js";
import { createLlmRewriter } from "./llm-question-rewriter.js";
import { createOfflineRewriter } from "./offline-question-rewriter.js";
import { loadRewritePrompt } from "./prompts.js";
import type { QuestionRewriter } from "./question-rewriter.js";

/** The one place that decides which rewriter runs: QUESTION_REWRITER, or with `auto` the LLM when ANSWERER=llm. */
export async function createQuestionRewriter(config: Config, corpusDescription: string): Promise<QuestionRewriter> {
  const offline = createOfflineRewriter();
  const kind = config.rewriter.kind === "auto" ? (config.answerer.kind === "llm" ? "llm" : "offline") : config.rewriter.kind;
  if (kind === "offline") return offline;
  return createLlmRewriter({
    model: await createChatModel(config.llm),
    prompt: await loadRewritePrompt(),
    corpusDescription,
    timeoutMs: config.llm.timeoutMs,
    maxChars: config.server.maxQuestionChars,
    fallback: config.llm.fallback === "extractive" ? offline : undefined,
  });
}
