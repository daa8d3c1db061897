import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChatPromptTemplate, PromptTemplate } from "@langchain/core/prompts";
import type { RetrievedChunk } from "../retrieval/types.js";

/** The prompts folder at the project root. */
export const PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts");

/** The answer prompts: the system prompt that carries the sources, the question, and agent mode's search instructions. */
export interface AnswerPrompts {
  /** prompts/answer-system.md: {corpus_description}, {search_instructions}, {sources}. */
  system: PromptTemplate;
  /** prompts/answer-user.md: {question}. */
  user: PromptTemplate;
  /** prompts/answer-agent.md: what agent mode adds to the system prompt about the search tool. */
  searchInstructions: string;
}

/** The answer prompts, from prompts/answer-system.md, answer-user.md and answer-agent.md. */
export async function loadAnswerPrompts(directory: string = PROMPTS_DIR): Promise<AnswerPrompts> {
  const [system, user, agent] = await Promise.all(
    ["answer-system.md", "answer-user.md", "answer-agent.md"].map((file) => readFile(path.join(directory, file), "utf8")),
  );
  return { system: PromptTemplate.fromTemplate(system!.trim()), user: PromptTemplate.fromTemplate(user!.trim()), searchInstructions: agent!.trim() };
}

/** The follow-up rewrite prompt, from prompts/rewrite-question.md. */
export async function loadRewritePrompt(directory: string = PROMPTS_DIR): Promise<ChatPromptTemplate> {
  const text = await readFile(path.join(directory, "rewrite-question.md"), "utf8");
  return ChatPromptTemplate.fromMessages([["human", text.trim()]]);
}

/**
 * Fences numbered chunks as data. Angle brackets inside the text are escaped so a chunk cannot close
 * its own fence and pose as instructions.
 */
export function formatNumberedSources(sources: Array<{ n: number; chunk: RetrievedChunk }>): string {
  return sources
    .map(({ n, chunk }) => {
      const body = chunk.text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const date = typeof chunk.metadata.effective_date === "string" ? ` effective="${chunk.metadata.effective_date}"` : "";
      return `<source n="${n}" title="${chunk.title.replace(/"/g, "'")}" section="${chunk.section.replace(/"/g, "'")}"${date}>\n${body}\n</source>`;
    })
    .join("\n\n");
}

/** The retrieved chunks as sources 1..n (see `formatNumberedSources`). */
export function formatSources(chunks: RetrievedChunk[]): string {
  return formatNumberedSources(chunks.map((chunk, index) => ({ n: index + 1, chunk })));
}
