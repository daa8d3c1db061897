import type { Config } from "../config/config.js";
import { createRagContext } from "../context.js";
import { resolveCorpus } from "../corpus/manifest.js";
import { ConfigError } from "../errors.js";
import { asUnanswerable, type EvalCase, readEvalSet } from "./eval-set.js";
import { loadVerifiedSet, runCases } from "./run-eval.js";
import type { CaseResult } from "./score-case.js";
import { wilsonInterval } from "./statistics.js";

/** A corpus (shipped name or path) and its own eval set. */
export interface CorpusSet {
  corpus: string;
  set: string;
}

/** A foreign question the asked corpus answered instead of refusing. */
export interface AnsweredForeignQuestion {
  id: string;
  question: string;
  support: number;
  /** The document of the first citation, else of the top retrieved chunk. */
  docId: string | undefined;
  answer: string;
}

/** One cell of the matrix: corpus `asked` put the answerable questions of corpus `askedBy`'s set. */
export interface ForeignCell {
  asked: string;
  askedBy: string;
  n: number;
  refused: number;
  answered: AnsweredForeignQuestion[];
}

/** A corpus on its own set's answerable questions, for context: how often it refuses what it should answer. */
export interface OwnSetRow {
  corpus: string;
  n: number;
  falseRefusals: number;
}

export interface ForeignMatrix {
  /** Corpus names (corpus.json "name"), in the order given: rows and columns alike. */
  corpora: string[];
  cells: ForeignCell[];
  own: OwnSetRow[];
}

/**
 * Asks every corpus the answerable questions of every other corpus's set, each read as unanswerable
 * (they are about another organisation), and its own set's answerable questions; one index is
 * loaded at a time.
 */
export async function runForeignQuestions(
  config: Config,
  pairs: CorpusSet[],
  options: { k: number; concurrency: number; onCell?: (asked: string, askedBy: string) => void },
): Promise<ForeignMatrix> {
  const names = await Promise.all(pairs.map(async (pair) => (await resolveCorpus(pair.corpus, config.corporaDir)).manifest.name));
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new ConfigError(`corpus "${twice}" is given twice: name each corpus once`);
  // Another corpus's questions: its answerable cases, each read as unanswerable, no quote checked here.
  const foreignSets = await Promise.all(pairs.map(async (pair) => asUnanswerable((await readEvalSet(pair.set)).filter((evalCase) => evalCase.answerable))));
  const cells: ForeignCell[] = [];
  const own: OwnSetRow[] = [];
  for (const [row, pair] of pairs.entries()) {
    const asked = names[row]!;
    const context = await createRagContext({ ...config, corpus: pair.corpus }, { buildIfNeeded: true });
    try {
      options.onCell?.(asked, asked);
      const ownCases = (await loadVerifiedSet(context, pair.set)).cases.filter((evalCase) => evalCase.answerable);
      const ownResults = await runCases(context, ownCases, options.k, options.concurrency);
      own.push({ corpus: asked, n: ownResults.length, falseRefusals: ownResults.filter((result) => result.refused).length });
      for (const [column, cases] of foreignSets.entries()) {
        if (column === row) continue;
        options.onCell?.(asked, names[column]!);
        cells.push(foreignCell(asked, names[column]!, cases, await runCases(context, cases, options.k, options.concurrency)));
      }
    } finally {
      await context.close();
    }
  }
  return { corpora: names, cells, own };
}

function foreignCell(asked: string, askedBy: string, cases: EvalCase[], results: CaseResult[]): ForeignCell {
  const answered = results
    .filter((result) => !result.refused)
    .map((result) => ({ id: result.id, question: result.question, support: result.support, docId: result.citations[0]?.docId ?? result.retrieved[0]?.docId, answer: result.answer }));
  return { asked, askedBy, n: cases.length, refused: results.length - answered.length, answered };
}

const rate = (count: number, n: number) => (n === 0 ? "–" : `${(count / n).toFixed(2)} (${count}/${n})`);

/** The questions refused and asked over some cells. */
const totals = (cells: readonly ForeignCell[]) => ({ refused: cells.reduce((sum, cell) => sum + cell.refused, 0), n: cells.reduce((sum, cell) => sum + cell.n, 0) });

/**
 * The matrix as Markdown: one row per corpus asked, one column per corpus whose questions it was
 * asked (the share refused, with counts), then all other corpora's questions together, then the
 * corpus's false refusals on its own set. Example cell: "0.77 (100/130)".
 */
export function renderForeignMatrix(matrix: ForeignMatrix): string {
  const header = ["asked \\ questions of", ...matrix.corpora, "all others", "own set: false refusals"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const asked of matrix.corpora) {
    const row = matrix.cells.filter((cell) => cell.asked === asked);
    const cellText = matrix.corpora.map((askedBy) => {
      const cell = row.find((entry) => entry.askedBy === askedBy);
      return cell ? rate(cell.refused, cell.n) : "–";
    });
    const { refused, n } = totals(row);
    const ownRow = matrix.own.find((entry) => entry.corpus === asked);
    lines.push(`| ${[asked, ...cellText, rate(refused, n), ownRow ? rate(ownRow.falseRefusals, ownRow.n) : "–"].join(" | ")} |`);
  }
  const { refused, n } = totals(matrix.cells);
  const interval = wilsonInterval(refused, n);
  lines.push("", `Refused overall: ${rate(refused, n)}, 95% CI ${interval.low.toFixed(2)}–${interval.high.toFixed(2)}.`);
  return `${lines.join("\n")}\n`;
}
