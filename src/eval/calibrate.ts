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
