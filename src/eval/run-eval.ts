import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pLimit from "p-limit";
import type { AskResult } from "../answer/qa-chain.js";
import type { Config } from "../config/config.js";
import { ConfigError } from "../errors.js";
import { createRagContext, type RagContext } from "../context.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { asUnanswerable, type EvalCase, readEvalSet, verifyEvidence } from "./eval-set.js";
import type { CalibrationCase } from "./calibrate.js";
import { type Baseline, baselineFrom, evaluateGate, readBaseline, readThresholds } from "./gate.js";
import { buildReport, type EvalReport } from "./report.js";
import { renderJunit } from "./report-junit.js";
import { renderMarkdown } from "./report-markdown.js";
import { type Judge, type JudgeCaseInput, summariseJudge } from "./judge.js";
import { renderHtml } from "./report-html.js";
import { type CaseResult, scoreCase } from "./score-case.js";
import { compareRuns, readComparisonBase } from "./compare.js";
import { renderComparison } from "./compare-markdown.js";

export interface EvalOptions {
  /** JSONL eval set; default evals/<corpus>.jsonl. */
  setPath?: string;
  /** Where report files go; default reports/<corpus>. */
  outDir?: string;
  k: number;
  concurrency: number;
  thresholdsPath: string;
  baselineDir: string;
  updateBaseline: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Reuse an assembled service (tests); built from config otherwise. */
  context?: RagContext;
  /** Optional LLM judge: advisory unless `gate` is set (then thresholds' judgeFloors apply). */
  judge?: { judge: Judge; repeat: number; gate: boolean };
  /** A baseline or an earlier report.json to compare with: writes compare.md (read before any report is overwritten). */
  comparePath?: string;
  /**
   * Read every case as unanswerable (questions about another corpus): no evidence check, and the gate
   * applies neither the corpus's floors nor its baseline, which are about its own set.
   */
  asUnanswerable?: boolean;
}

export interface EvalOutcome {
  report: EvalReport;
  /** 0 gate passed, 1 gate failed. (Harness errors throw; the CLI maps them to 2.) */
  exitCode: 0 | 1;
  files: string[];
  baselineWritten?: string;
  /** compare.md's text, when a comparison was asked for. */
  comparison?: string;
}

/** The gate's one check on an --as-unanswerable run: the corpus's floors and baseline are about its own set. */
export const FOREIGN_SET_GATE = "every case read as unanswerable (--as-unanswerable): the corpus's floors and baseline are about its own set, so none is applied";

/** The support signals of every case, from retrieval alone (no answer is composed). */
export async function caseSignals(context: RagContext, cases: EvalCase[], concurrency: number, onProgress?: (done: number, total: number) => void): Promise<CalibrationCase[]> {
  const limit = pLimit(concurrency);
  let done = 0;
  return Promise.all(
    cases.map((evalCase) =>
      limit(async () => {
        const query = context.retriever.prepare(evalCase.question);
        const retrieval = await context.retriever.retrieve(query, evalCase.filters ? { filters: evalCase.filters } : {});
        const signals = await retrieval.signals();
        done += 1;
        onProgress?.(done, cases.length);
        return { answerable: evalCase.answerable, signals };
      }),
    ),
  );
}

/** Runs every case through the same chain the server uses, with bounded concurrency. */
export async function runCases(
  context: RagContext,
  cases: EvalCase[],
  k: number,
  concurrency: number,
  onProgress?: (done: number, total: number) => void,
  onAnswer?: (evalCase: EvalCase, result: AskResult) => void,
): Promise<CaseResult[]> {
  const limit = pLimit(concurrency);
  let done = 0;
  return Promise.all(
    cases.map((evalCase) =>
      limit(async () => {
        const result = await context.chain.invoke({
          question: evalCase.question,
          inspectK: k,
          ...(evalCase.filters ? { filters: evalCase.filters } : {}),
        });
        done += 1;
        onProgress?.(done, cases.length);
        onAnswer?.(evalCase, result);
        return scoreCase(evalCase, result, k);
      }),
    ),
  );
}

/**
 * Reads an eval set (default `evals/<corpus>.jsonl`) and checks every gold quote against the corpus;
 * with `asUnanswerable`, every case is read as unanswerable and nothing is checked against the corpus
 * (the quotes are another corpus's).
 */
export async function loadVerifiedSet(context: RagContext, setPath?: string, options: { asUnanswerable?: boolean } = {}): Promise<{ setPath: string; cases: EvalCase[] }> {
  const file = setPath ?? path.join("evals", `${context.corpus.manifest.name}.jsonl`);
  const cases = await readEvalSet(file);
  if (options.asUnanswerable) return { setPath: file, cases: asUnanswerable(cases) };
  verifyEvidence(cases, (await loadCorpus(context.corpus)).documents, file);
  return { setPath: file, cases };
}

/** Scores a run into a report, with what was run recorded beside the numbers. */
export function reportFor(context: RagContext, setPath: string, k: number, results: CaseResult[], asUnanswerable = false): EvalReport {
  const { manifest } = context;
  return buildReport(
    {
      corpus: context.corpus.manifest.name,
      set: setPath,
      ...(asUnanswerable ? { asUnanswerable } : {}),
      k,
      answerer: context.answererName,
      embedder: manifest.embedder.id,
      indexBuildId: manifest.buildId,
      generatedAt: new Date().toISOString(),
    },
    results,
  );
}

/** The gate of a run of the corpus's own set: its floors and baseline, or a passing note when it has no floors. */
async function ownSetGate(report: EvalReport, thresholdsPath: string, baselinePath: string): Promise<NonNullable<EvalReport["gate"]>> {
  const thresholds = await readThresholds(thresholdsPath, report.corpus);
  if (!thresholds) return { passed: true, checks: [{ name: "thresholds", passed: true, message: `no thresholds for corpus "${report.corpus}" in ${thresholdsPath}` }] };
  const baseline: Baseline | undefined = await readBaseline(baselinePath);
  return evaluateGate(report, thresholds, baseline);
}

/** Evaluates the configured corpus: runs the set, scores it, applies the gate and writes report.json/.md/.html and junit.xml. */
export async function runEvaluation(config: Config, options: EvalOptions): Promise<EvalOutcome> {
  if (options.asUnanswerable && options.updateBaseline) {
    throw new ConfigError("--update-baseline records the corpus's own set; it does not apply to --as-unanswerable.");
  }
  const compareBase = options.comparePath ? await readComparisonBase(options.comparePath) : undefined;
  if (options.asUnanswerable && compareBase?.kind === "baseline") {
    throw new ConfigError(`--compare ${options.comparePath}: a baseline is about the corpus's own set; compare an --as-unanswerable run with an earlier report.json of the same run.`);
  }
  const context = options.context ?? (await createRagContext(config, { buildIfNeeded: true }));
  const corpusName = context.corpus.manifest.name;
  const { setPath, cases } = await loadVerifiedSet(context, options.setPath, { asUnanswerable: options.asUnanswerable });

  const judgeInputs = new Map<string, JudgeCaseInput>();
  const results = await runCases(context, cases, options.k, options.concurrency, options.onProgress, (evalCase, result) => {
    if (!options.judge) return;
    const byChunk = new Map(result.retrieved.map((chunk) => [chunk.id, chunk.text]));
    judgeInputs.set(evalCase.id, {
      evalCase,
      answer: result.answer,
      refused: result.refused,
      citedSources: result.citations.map((citation) => ({ n: citation.n, text: byChunk.get(citation.chunkId) ?? citation.snippet })),
    });
  });
  let judgeSummary: ReturnType<typeof summariseJudge> | undefined;
  if (options.judge) {
    const { judge, repeat } = options.judge;
    const verdicts = [];
    for (const result of results) {
      const input = judgeInputs.get(result.id)!;
      const perRepeat = [];
      for (let round = 0; round < repeat; round += 1) perRepeat.push(await judge.judge(input, round));
      result.judge = perRepeat;
      verdicts.push(perRepeat);
    }
    judgeSummary = summariseJudge(judge.model, verdicts);
  }
  const report = reportFor(context, setPath, options.k, results, options.asUnanswerable);
  if (judgeSummary) report.judge = { ...judgeSummary, gated: options.judge!.gate };
  const baselinePath = path.join(options.baselineDir, `${corpusName}.json`);
  report.gate = options.asUnanswerable
    ? { passed: true, checks: [{ name: "as unanswerable", passed: true, message: FOREIGN_SET_GATE }] }
    : await ownSetGate(report, options.thresholdsPath, baselinePath);

  const outDir = options.outDir ?? path.join("reports", corpusName);
  await mkdir(outDir, { recursive: true });
  const files: Record<string, string> = {
    "report.json": `${JSON.stringify(report, null, 2)}\n`,
    "report.md": renderMarkdown(report),
    "report.html": renderHtml(report),
    "junit.xml": renderJunit(report),
  };
  const comparison = compareBase ? renderComparison(compareRuns(compareBase, report)) : undefined;
  if (comparison) files["compare.md"] = comparison;
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(outDir, name), text)));
  // A compare.md left by an earlier run would describe another comparison.
  if (!comparison) await rm(path.join(outDir, "compare.md"), { force: true });
  let baselineWritten: string | undefined;
  if (options.updateBaseline) {
    await mkdir(options.baselineDir, { recursive: true });
    await writeFile(baselinePath, `${JSON.stringify(baselineFrom(report), null, 2)}\n`);
    baselineWritten = baselinePath;
  }
  return {
    report,
    exitCode: report.gate.passed ? 0 : 1,
    files: Object.keys(files).map((name) => path.join(outDir, name)),
    baselineWritten,
    comparison,
  };
}
