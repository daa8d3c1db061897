import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { callChatModel, createChatModel } from "../answer/chat-model.js";
import type { Config } from "../config/config.js";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { z } from "zod";
import { PROMPTS_DIR } from "../answer/prompts.js";
import type { EvalCase } from "./eval-set.js";
import { mean } from "./statistics.js";

const FaithfulnessSchema = z.object({ claims: z.array(z.object({ claim: z.string(), supported: z.boolean() })) });
const CorrectnessSchema = z.object({ score: z.number().min(0).max(1), reason: z.string().optional() });

export interface JudgeVerdict {
  /** Share of the answer's claims supported by its cited sources (null when the answer has no claims or was refused). */
  faithfulness: number | null;
  claims: Array<{ claim: string; supported: boolean }>;
  /** Agreement with the reference answer, 0 / 0.5 / 1 (null without a reference or for refusals). */
  correctness: number | null;
  reason?: string;
  errors: string[];
}

export interface JudgeCaseInput {
  evalCase: EvalCase;
  answer: string;
  refused: boolean;
  /** Text of the chunks the answer cites, in citation order. */
  citedSources: Array<{ n: number; text: string }>;
}

export interface Judge {
  /** The judge model's name, always given explicitly (never silently the model under test). */
  readonly model: string;
  judge(input: JudgeCaseInput, repeat: number): Promise<JudgeVerdict>;
}

async function prompt(system: string, user: string): Promise<ChatPromptTemplate> {
  const [systemText, userText] = await Promise.all([readFile(path.join(PROMPTS_DIR, system), "utf8"), readFile(path.join(PROMPTS_DIR, user), "utf8")]);
  return ChatPromptTemplate.fromMessages([["system", systemText.trim()], ["human", userText.trim()]]);
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T {
  const match = /\{[\s\S]*\}/.exec(text);
  if (!match) throw new Error(`the judge did not reply with JSON: ${text.slice(0, 120)}`);
  return schema.parse(JSON.parse(match[0]));
}

/**
 * An LLM judge with a file cache keyed by (judge model, prompt hash, inputs, repeat): reruns cost
 * nothing, and `--repeat N` asks N times to measure the judge's own spread.
 */
export async function createJudge(model: BaseChatModel, modelName: string, cacheDir: string, timeoutMs = 60_000): Promise<Judge> {
  const faithfulness = await prompt("judge-faithfulness.md", "judge-faithfulness-user.md");
  const correctness = await prompt("judge-correctness.md", "judge-correctness-user.md");
  const promptHash = createHash("sha256")
    .update(JSON.stringify([faithfulness.promptMessages.map((message) => JSON.stringify(message)), correctness.promptMessages.map((message) => JSON.stringify(message))]))
    .digest("hex")
    .slice(0, 16);

  async function cached<T>(key: unknown, compute: () => Promise<T>): Promise<T> {
    const file = path.join(cacheDir, `${createHash("sha256").update(JSON.stringify([modelName, promptHash, key])).digest("hex")}.json`);
    const hit = await readFile(file, "utf8").then((text) => JSON.parse(text) as T, () => undefined);
    if (hit !== undefined) return hit;
    const value = await compute();
    await mkdir(cacheDir, { recursive: true });
    await writeFile(file, JSON.stringify(value));
    return value;
  }

  const ask = async (template: ChatPromptTemplate, values: Record<string, string>): Promise<string> => {
    const reply = await callChatModel(model, await template.formatMessages(values), { timeoutMs, purpose: "judge" });
    return reply.text;
  };

  return {
    model: modelName,
    async judge(input: JudgeCaseInput, repeat: number): Promise<JudgeVerdict> {
      const verdict: JudgeVerdict = { faithfulness: null, claims: [], correctness: null, errors: [] };
      if (input.refused) return verdict;
      const sources = input.citedSources.map((source) => `[${source.n}] ${source.text}`).join("\n\n") || "(no sources cited)";
      try {
        const parsed = await cached(["faithfulness", sources, input.answer, repeat], async () =>
          parseJson(await ask(faithfulness, { sources, answer: input.answer }), FaithfulnessSchema),
        );
        verdict.claims = parsed.claims;
        verdict.faithfulness = parsed.claims.length ? parsed.claims.filter((claim) => claim.supported).length / parsed.claims.length : null;
      } catch (error) {
        verdict.errors.push(`faithfulness: ${(error as Error).message}`);
      }
      const reference = input.evalCase.reference;
      if (input.evalCase.answerable && reference) {
        try {
          const parsed = await cached(["correctness", input.evalCase.question, reference, input.answer, repeat], async () =>
            parseJson(await ask(correctness, { question: input.evalCase.question, reference, answer: input.answer }), CorrectnessSchema),
          );
          verdict.correctness = parsed.score;
          verdict.reason = parsed.reason;
        } catch (error) {
          verdict.errors.push(`correctness: ${(error as Error).message}`);
        }
      }
      return verdict;
    },
  };
}

export interface JudgeSummary {
  model: string;
  repeats: number;
  /** Mean over cases of each repeat, then mean and spread (standard deviation) across repeats. */
  faithfulness: { mean: number; spread: number; n: number };
  correctness: { mean: number; spread: number; n: number };
  errors: number;
}

function acrossRepeats(perRepeat: number[][]): { mean: number; spread: number; n: number } {
  const means = perRepeat.map((values) => mean(values));
  const average = mean(means);
  const spread = means.length > 1 ? Math.sqrt(means.reduce((sum, value) => sum + (value - average) ** 2, 0) / (means.length - 1)) : 0;
  return { mean: Math.round(average * 10_000) / 10_000, spread: Math.round(spread * 10_000) / 10_000, n: perRepeat[0]?.length ?? 0 };
}

/** Summarises verdicts[case][repeat]. */
export function summariseJudge(model: string, verdicts: JudgeVerdict[][]): JudgeSummary {
  const repeats = verdicts[0]?.length ?? 0;
  const pick = (key: "faithfulness" | "correctness") =>
    Array.from({ length: repeats }, (_, repeat) => verdicts.map((caseVerdicts) => caseVerdicts[repeat]![key]).filter((value): value is number => value !== null));
  return {
    model,
    repeats,
    faithfulness: acrossRepeats(pick("faithfulness")),
    correctness: acrossRepeats(pick("correctness")),
    errors: verdicts.flat().reduce((sum, verdict) => sum + verdict.errors.length, 0),
  };
}

/** The judge named by `--judge-model`/JUDGE_MODEL, on the judge's endpoint (JUDGE_BASE_URL/JUDGE_API_KEY), at temperature 0. */
export async function createJudgeFor(config: Config, modelName: string): Promise<Judge> {
  const model = await createChatModel({ ...config.llm, model: modelName, baseURL: config.judge.baseURL, apiKey: config.judge.apiKey, temperature: 0 });
  return createJudge(model, modelName, path.join(config.dataDir, "judge-cache"), config.llm.timeoutMs);
}
