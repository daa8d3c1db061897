import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import type { RetrievedChunk } from "../retrieval/types.js";

/** The prompts folder at the project root. */
export const PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prompts");

/** The answer prompt, from prompts/answer-system.md and prompts/answer-user.md. */
export async function loadAnswerPrompt(directory: string = PROMPTS_DIR): Promise<ChatPromptTemplate> {
  const [system, user] = await Promise.all([
    readFile(path.join(directory, "answer-system.md"), "utf8"),
    readFile(path.join(directory, "answer-user.md"), "utf8"),
  ]);
  return ChatPromptTemplate.fromMessages([
    ["system", system.trim()],
    ["human", user.trim()],
  ]);
}

/** The follow-up rewrite prompt, from prompts/rewrite-question.md. */
export async function loadRewritePrompt(directory: string = PROMPTS_DIR): Promise<ChatPromptTemplate> {
  const text = await readFile(path.join(directory, "rewrite-question.md"), "utf8");
  return ChatPromptTemplate.fromMessages([["human", text.trim()]]);
}

/**
 * Numbers and fences the retrieved chunks as data. Angle brackets inside the text are escaped so a
 * chunk cannot close its own fence and pose as instructions.
 */
export function formatSources(chunks: RetrievedChunk[]): string {
  return chunks
    .map((chunk, index) => {
      const body = chunk.text.replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const date = typeof chunk.metadata.effective_date === "string" ? ` effective="${chunk.metadata.effective_date}"` : "";
      return `<source n="${index + 1}" title="${chunk.title.replace(/"/g, "'")}" section="${chunk.section.replace(/"/g, "'")}"${date}>\n${body}\n</source>`;
    })
    .join("\n\n");
}
