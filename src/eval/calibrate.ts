import { seededRandom } from "../math/seeded-random.js";
import type { CaseResult } from "./score-case.js";

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
export function refusalCurve(cases: CaseResult[], step = 0.025): CurvePoint[] {
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

export interface CalibrationReport {
  cases: number;
  answerable: number;
  unanswerable: number;
  auc: number;
  /** The curve over every case, for reading the trade-off. */
  curve: CurvePoint[];
  /** The threshold picked on the first half, and what it does on the other half it was not picked on. */
  split: { threshold: number; picked: { refusalRecall: number; falseRefusalRate: number }; heldOut: { refusalRecall: number; falseRefusalRate: number } };
  /** k-fold: each fold's cases judged with a threshold picked on the other folds, pooled. */
  folds: { k: number; thresholds: number[]; heldOut: { refusalRecall: number; falseRefusalRate: number } };
}

/**
 * Calibrates the refusal threshold honestly: picks it (largest refusal recall minus false-refusal
 * rate, false refusals at most `maxFalseRefusal` when possible) on one half of a seeded, stratified
 * split and reports it on the other half; k-fold figures say how stable that is. Throws when the set
 * has too few unanswerable cases to pick from.
 */
export function calibrateRefusal(results: Pick<CaseResult, "answerable" | "support">[], options: { seed: number; maxFalseRefusal: number; folds: number }): CalibrationReport {
  const unanswerable = results.filter((result) => !result.answerable).length;
  if (unanswerable < MIN_UNANSWERABLE) {
    throw new Error(
      `The eval set has ${unanswerable} unanswerable case(s); calibrating refusal needs at least ${MIN_UNANSWERABLE} (add ${MIN_UNANSWERABLE - unanswerable} more, written as users would ask about things the documents do not cover). No threshold was chosen.`,
    );
  }
  const pick = (cases: typeof results) => chooseThreshold(refusalCurve(cases as CaseResult[]), options.maxFalseRefusal).threshold;
  const [first = [], second = []] = stratifiedParts(results, 2, options.seed);
  const threshold = pick(first);
  const parts = stratifiedParts(results, options.folds, options.seed);
  const thresholds: number[] = [];
  const judged: Array<{ answerable: boolean; refused: boolean }> = [];
  parts.forEach((part, index) => {
    const fitted = pick(parts.filter((_, other) => other !== index).flat());
    thresholds.push(fitted);
    for (const result of part) judged.push({ answerable: result.answerable, refused: result.support < fitted });
  });
  const pooled = {
    refusalRecall: judged.filter((entry) => !entry.answerable && entry.refused).length / Math.max(1, judged.filter((entry) => !entry.answerable).length),
    falseRefusalRate: judged.filter((entry) => entry.answerable && entry.refused).length / Math.max(1, judged.filter((entry) => entry.answerable).length),
  };
  return {
    cases: results.length,
    answerable: results.length - unanswerable,
    unanswerable,
    auc: supportAuc(results),
    curve: refusalCurve(results as CaseResult[]),
    split: { threshold, picked: rates(first, threshold), heldOut: rates(second, threshold) },
    folds: { k: options.folds, thresholds, heldOut: pooled },
  };
}
