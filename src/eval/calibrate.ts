import type { SupportModel } from "../config/scoring.js";
import { seededRandom } from "../math/seeded-random.js";
import { refusedByChecks, type SupportSignals, supportScore } from "../retrieval/support.js";
import type { CaseResult } from "./score-case.js";
import { mean } from "./statistics.js";

/** One eval case as calibration reads it: whether it is answerable, and its support signals. */
export interface CalibrationCase {
  answerable: boolean;
  signals: SupportSignals;
}

export interface CurvePoint {
  threshold: number;
  /** Share of unanswerable cases refused. */
  refusalRecall: number;
  /** Share of answerable cases refused. */
  falseRefusalRate: number;
}

/**
 * The refusal trade-off: for each threshold, what refusing every case whose evidence is below it
 * would do. `cases` must come from a run that refused nothing (threshold 0), so each has its evidence.
 */
export function refusalCurve(cases: Pick<CaseResult, "answerable" | "support">[], step = 0.025): CurvePoint[] {
  const answerable = cases.filter((result) => result.answerable).map((result) => result.support);
  const unanswerable = cases.filter((result) => !result.answerable).map((result) => result.support);
  const points: CurvePoint[] = [];
  for (let threshold = 0; threshold <= 1 + 1e-9; threshold += step) {
    const rounded = Math.round(threshold * 1000) / 1000;
    points.push({
      threshold: rounded,
      refusalRecall: unanswerable.length ? unanswerable.filter((value) => value < rounded).length / unanswerable.length : 0,
      falseRefusalRate: answerable.length ? answerable.filter((value) => value < rounded).length / answerable.length : 0,
    });
  }
  return points;
}

/**
 * The chosen operating point: the threshold with the largest refusal recall minus false-refusal
 * rate (Youden's J), among those whose false-refusal rate stays within `maxFalseRefusal`; the lowest
 * such threshold on ties, so fewer answerable questions are refused.
 */
export function chooseThreshold(points: CurvePoint[], maxFalseRefusal = 1): CurvePoint {
  const allowed = points.filter((point) => point.falseRefusalRate <= maxFalseRefusal);
  const candidates = allowed.length > 0 ? allowed : points;
  return candidates.reduce((best, point) =>
    point.refusalRecall - point.falseRefusalRate > best.refusalRecall - best.falseRefusalRate + 1e-12 ? point : best,
  );
}

/** One case's support as `npm run calibrate -- --signals-out` writes it: what a refusal (or an answer) was decided on. */
export interface SignalsRow {
  id: string;
  question: string;
  answerable: boolean;
  /** The support score under the model the corpus uses now (its own calibrated one, else the default). */
  support: number;
  /** Whether the corpus's threshold refuses it now. */
  refused: boolean;
  /** Why the checks set support to 0, when they did: a name the documents never mention, a year the top chunks never mention. */
  checks: string[];
  signals: SupportSignals;
}

/** The rows of `--signals-out`: each case with its signals, its support under `model` and whether `threshold` refuses it, in the set's order. */
export function signalsRows(cases: ReadonlyArray<{ id: string; question: string }>, results: readonly CalibrationCase[], model: SupportModel, threshold: number): SignalsRow[] {
  return results.map((result, index) => {
    const support = supportScore(result.signals, model);
    const checks = [...(result.signals.missing ? ["missing name"] : []), ...result.signals.unseenYears.map((year) => `unseen year ${year}`)];
    return { id: cases[index]!.id, question: cases[index]!.question, answerable: result.answerable, support: Math.round(support * 10_000) / 10_000, refused: support < threshold, checks, signals: result.signals };
  });
}

/** Fewest unanswerable cases a threshold may be picked from. */
export const MIN_UNANSWERABLE = 10;

/** Refusal recall and false refusals of one threshold on a set of cases. */
export function rates(cases: Pick<CaseResult, "answerable" | "support">[], threshold: number): { refusalRecall: number; falseRefusalRate: number } {
  const answerable = cases.filter((result) => result.answerable);
  const unanswerable = cases.filter((result) => !result.answerable);
  return {
    refusalRecall: unanswerable.length ? unanswerable.filter((result) => result.support < threshold).length / unanswerable.length : 0,
    falseRefusalRate: answerable.length ? answerable.filter((result) => result.support < threshold).length / answerable.length : 0,
  };
}

/** Area under the ROC curve of the support score: the chance that an answerable case has more support than an unanswerable one. */
export function supportAuc(cases: Pick<CaseResult, "answerable" | "support">[]): number {
  const positive = cases.filter((result) => result.answerable).map((result) => result.support);
  const negative = cases.filter((result) => !result.answerable).map((result) => result.support);
  if (positive.length === 0 || negative.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positive) for (const n of negative) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positive.length * negative.length);
}

/** Splits cases into `parts` groups of about equal size, answerable and unanswerable cases spread evenly, in a seeded order. */
export function stratifiedParts<T extends { answerable: boolean }>(cases: T[], parts: number, seed: number): T[][] {
  const random = seededRandom(seed);
  const shuffle = (list: T[]) => {
    const copy = [...list];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  };
  const groups: T[][] = Array.from({ length: parts }, () => []);
  let next = 0;
  for (const stratum of [cases.filter((entry) => entry.answerable), cases.filter((entry) => !entry.answerable)]) {
    for (const entry of shuffle(stratum)) groups[next++ % parts]!.push(entry);
  }
  return groups;
}

/**
 * Fits the support model (a logistic regression of answerable on the signals) to cases, pulled toward
 * `prior` so a small set cannot swing it far: minimises the mean log loss plus `penalty` times the
 * squared distance from the prior. Cases the checks refuse (a name the documents never mention, a
 * year the top chunks never mention) are left out: their score is 0 whatever the model. Deterministic (plain gradient descent from the prior).
 */
export function fitSupportModel(cases: CalibrationCase[], prior: SupportModel, options: { penalty?: number; iterations?: number; fitValueGap?: boolean } = {}): SupportModel {
  const penalty = options.penalty ?? 0.02;
  const iterations = options.iterations ?? 4000;
  const rows = cases
    .filter((entry) => !refusedByChecks(entry.signals))
    .map((entry) => ({ x: [1, entry.signals.lexical, entry.signals.unfamiliar ? 1 : 0, entry.signals.valueGap, entry.signals.shortPassage], y: entry.answerable ? 1 : 0 }));
  const start = [prior.intercept, prior.lexical, prior.unfamiliar, prior.valueGap ?? 0, prior.shortPassage ?? 0];
  const weights = [...start];
  if (rows.length === 0) return { ...prior };
  for (let step = 0; step < iterations; step += 1) {
    const gradient = weights.map((weight, index) => 2 * penalty * (weight - start[index]!));
    for (const row of rows) {
      const p = 1 / (1 + Math.exp(-row.x.reduce((sum, value, index) => sum + value * weights[index]!, 0)));
      row.x.forEach((value, index) => (gradient[index]! += ((p - row.y) * value) / rows.length));
    }
    // The value gap's weight stays the prior's unless asked for: fitted, it traded refusal recall for false refusals (docs/EVALUATION.md).
    if (!options.fitValueGap) gradient[3] = 0;
    gradient.forEach((value, index) => (weights[index]! -= 0.5 * value));
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { intercept: round(weights[0]!), lexical: round(weights[1]!), unfamiliar: round(weights[2]!), valueGap: round(weights[3]!), shortPassage: round(weights[4]!) };
}

/** The cases scored with a model. */
const scored = (cases: CalibrationCase[], model: SupportModel) => cases.map((entry) => ({ answerable: entry.answerable, support: supportScore(entry.signals, model) }));

/** The AUC of each signal alone (the checks applied to each, as the service applies them), and of the checks alone. */
export function signalAucs(cases: CalibrationCase[]): { lexical: number; unfamiliar: number; valueGap: number; passage: number; checks: number } {
  const auc = (score: (signals: SupportSignals) => number) => supportAuc(cases.map((entry) => ({ answerable: entry.answerable, support: refusedByChecks(entry.signals) ? -1 : score(entry.signals) })));
  return { lexical: auc((signals) => signals.lexical), unfamiliar: auc((signals) => (signals.unfamiliar ? 0 : 1)), valueGap: auc((signals) => 1 - signals.valueGap), passage: auc((signals) => signals.passage), checks: auc(() => 0) };
}

export interface CalibrationReport {
  cases: number;
  answerable: number;
  unanswerable: number;
  /** AUC of each signal alone, over every case. */
  signals: ReturnType<typeof signalAucs>;
  /** The model fitted on the first half (what `--write` stores). */
  model: SupportModel;
  /** AUC of the support score on the half the model was not fitted on, and over every case. */
  auc: { heldOut: number; all: number };
  /** The curve of that model over every case, for reading the trade-off. */
  curve: CurvePoint[];
  /** The threshold picked on the first half, and what it does on the other half it was not picked on. */
  split: { threshold: number; picked: { refusalRecall: number; falseRefusalRate: number }; heldOut: { refusalRecall: number; falseRefusalRate: number } };
  /** k-fold: each fold's cases judged with a model and threshold fitted on the other folds, pooled. */
  folds: { k: number; thresholds: number[]; auc: number; heldOut: { refusalRecall: number; falseRefusalRate: number } };
  /**
   * The split repeated with `n` seeds (the given one and the next ones): mean and standard deviation of
   * the held-out figures. On a few dozen unanswerable cases one split's figures swing by about 0.1;
   * these say where they centre.
   */
  splits: { n: number; thresholds: number[]; heldOut: { refusalRecall: Spread; falseRefusalRate: Spread } };
  /**
   * The threshold `--write` stores: the median of the thresholds the repeated splits picked on their
   * first halves (`splits.thresholds`), since one split's pick swings with which cases fell in its
   * first half; with what it does on every case under the model.
   */
  chosen: { threshold: number; all: { refusalRecall: number; falseRefusalRate: number } };
}

/** The median of some numbers, rounded to the threshold pick step (the mean of the middle two for an even count). */
export function medianThreshold(thresholds: readonly number[]): number {
  if (thresholds.length === 0) return Number.NaN;
  const sorted = [...thresholds].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Number((Math.round(median / PICK_STEP) * PICK_STEP).toFixed(2));
}

export interface Spread {
  mean: number;
  sd: number;
}

/** Mean and (population) standard deviation. */
export function spread(values: number[]): Spread {
  if (values.length === 0) return { mean: Number.NaN, sd: Number.NaN };
  const average = mean(values);
  return { mean: average, sd: Math.sqrt(mean(values.map((value) => (value - average) ** 2))) };
}

/** Threshold step of the curve a threshold is picked from. */
const PICK_STEP = 0.01;

/**
 * Calibrates refusal honestly: fits the support model and picks the threshold (largest refusal recall
 * minus false-refusal rate, false refusals at most `maxFalseRefusal` when possible) on one half of a
 * seeded, stratified split and reports them on the other half; k-fold figures (model and threshold
 * refitted without each fold) and the same split repeated with `splits` seeds say how stable that is.
 * Throws when the set has too few unanswerable cases to pick from.
 */
export function calibrateRefusal(
  results: CalibrationCase[],
  options: { seed: number; maxFalseRefusal: number; folds: number; prior: SupportModel; splits?: number; fitValueGap?: boolean },
): CalibrationReport {
  const unanswerable = results.filter((result) => !result.answerable).length;
  if (unanswerable < MIN_UNANSWERABLE) {
    throw new Error(
      `The eval set has ${unanswerable} unanswerable case(s); calibrating refusal needs at least ${MIN_UNANSWERABLE} (add ${MIN_UNANSWERABLE - unanswerable} more, written as users would ask about things the documents do not cover). No threshold was chosen.`,
    );
  }
  const fit = (cases: CalibrationCase[]) => {
    const model = fitSupportModel(cases, options.prior, { fitValueGap: options.fitValueGap ?? false });
    return { model, threshold: chooseThreshold(refusalCurve(scored(cases, model), PICK_STEP), options.maxFalseRefusal).threshold };
  };
  const [first = [], second = []] = stratifiedParts(results, 2, options.seed);
  const { model, threshold } = fit(first);
  const repeated = Array.from({ length: Math.max(1, options.splits ?? 1) }, (_, index) => {
    const [picking = [], other = []] = index === 0 ? [first, second] : stratifiedParts(results, 2, options.seed + index);
    const fitted = index === 0 ? { model, threshold } : fit(picking);
    return { ...rates(scored(other, fitted.model), fitted.threshold), threshold: fitted.threshold };
  });
  const picks = repeated.map((entry) => entry.threshold);
  const chosen = medianThreshold(picks);
  const parts = stratifiedParts(results, options.folds, options.seed);
  const thresholds: number[] = [];
  const judged: Array<{ answerable: boolean; support: number; refused: boolean }> = [];
  parts.forEach((part, index) => {
    const fitted = fit(parts.filter((_, other) => other !== index).flat());
    thresholds.push(fitted.threshold);
    for (const result of scored(part, fitted.model)) judged.push({ ...result, refused: result.support < fitted.threshold });
  });
  const pooled = {
    refusalRecall: judged.filter((entry) => !entry.answerable && entry.refused).length / Math.max(1, judged.filter((entry) => !entry.answerable).length),
    falseRefusalRate: judged.filter((entry) => entry.answerable && entry.refused).length / Math.max(1, judged.filter((entry) => entry.answerable).length),
  };
  return {
    cases: results.length,
    answerable: results.length - unanswerable,
    unanswerable,
    signals: signalAucs(results),
    model,
    auc: { heldOut: supportAuc(scored(second, model)), all: supportAuc(scored(results, model)) },
    curve: refusalCurve(scored(results, model)),
    split: { threshold, picked: rates(scored(first, model), threshold), heldOut: rates(scored(second, model), threshold) },
    folds: { k: options.folds, thresholds, auc: supportAuc(judged), heldOut: pooled },
    chosen: { threshold: chosen, all: rates(scored(results, model), chosen) },
    splits: {
      n: repeated.length,
      thresholds: picks,
      heldOut: { refusalRecall: spread(repeated.map((entry) => entry.refusalRecall)), falseRefusalRate: spread(repeated.map((entry) => entry.falseRefusalRate)) },
    },
  };
}
