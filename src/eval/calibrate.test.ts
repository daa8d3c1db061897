import { describe, expect, it } from "vitest";
import { type CalibrationCase, calibrateRefusal, chooseThreshold, fitSupportModel, medianThreshold, rates, refusalCurve, signalAucs, signalsRows, spread, supportAuc } from "./calibrate.js";
import { supportScore } from "../retrieval/support.js";

const prior = { intercept: -2, lexical: 6, unfamiliar: -2 };
const entry = (answerable: boolean, lexical: number, unfamiliar = false, missing = false): CalibrationCase => ({ answerable, signals: { lexical, unfamiliar, missing, unseenYears: [], valueGap: 0, passage: 0.5, shortPassage: 0 } });

describe("fitSupportModel", () => {
  it("stays at the prior without cases, and leaves out cases the names check refuses", () => {
    expect(fitSupportModel([], prior)).toEqual(prior);
    expect(fitSupportModel([entry(false, 1, false, true)], prior)).toEqual(prior);
  });

  it("learns that unfamiliar names mean unanswerable when the cases say so", () => {
    const cases = [
      ...Array.from({ length: 20 }, (_, index) => entry(true, 0.5 + index / 50)),
      ...Array.from({ length: 10 }, (_, index) => entry(false, 0.5 + index / 25, true)),
      ...Array.from({ length: 10 }, (_, index) => entry(false, 0.1 + index / 50)),
    ];
    const model = fitSupportModel(cases, prior);
    expect(model.unfamiliar).toBeLessThan(prior.unfamiliar);
    expect(model.lexical).toBeGreaterThan(0);
    expect(fitSupportModel(cases, prior)).toEqual(model);
  });

  it("learns a negative weight for the value gap when unanswerable cases lack the asked value beside the asked words", () => {
    const gap = (answerable: boolean, lexical: number, valueGap: number): CalibrationCase => ({ answerable, signals: { lexical, unfamiliar: false, missing: false, unseenYears: [], valueGap, passage: 0.5, shortPassage: 0 } });
    const cases = [
      ...Array.from({ length: 20 }, (_, index) => gap(true, 0.5 + index / 50, index % 2 === 0 ? 0 : 0.2)),
      ...Array.from({ length: 10 }, (_, index) => gap(false, 0.5 + index / 25, 0.8 + index / 50)),
    ];
    expect(fitSupportModel(cases, prior, { fitValueGap: true }).valueGap).toBeLessThan(-0.5);
    // Unless asked for, its weight stays the prior's (none: 0).
    expect(fitSupportModel(cases, prior).valueGap).toBe(0);
    expect(fitSupportModel(cases.map((entry) => ({ ...entry, signals: { ...entry.signals, valueGap: 0 } })), prior, { fitValueGap: true }).valueGap).toBe(0);
  });
});

describe("fitSupportModel and the short best passage", () => {
  it("learns a negative weight for a short best passage when unanswerable cases hold less of the question in one passage at the same lexical support", () => {
    const prior = { intercept: -2, lexical: 6, unfamiliar: -2, valueGap: 0, shortPassage: 0 };
    const held = (answerable: boolean, lexical: number, short: number): CalibrationCase => ({ answerable, signals: { lexical, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0, shortPassage: short } });
    const cases = [
      ...Array.from({ length: 20 }, (_, index) => held(true, 0.3 + index / 40, index % 4 === 0 ? 0.1 : 0)),
      ...Array.from({ length: 10 }, (_, index) => held(false, 0.3 + index / 20, 0.5 + index / 25)),
    ];
    expect(fitSupportModel(cases, prior).shortPassage).toBeLessThan(-0.5);
    // A signal that says nothing keeps the prior's weight.
    expect(fitSupportModel(cases.map((entry) => ({ ...entry, signals: { ...entry.signals, shortPassage: 0 } })), prior).shortPassage).toBe(0);
  });
});

describe("signalAucs", () => {
  it("measures each signal alone, with the names check applied to each", () => {
    const cases = [entry(true, 0.9), entry(true, 0.6, true), entry(false, 0.7, true), entry(false, 0.95, false, true)];
    // lexical: 0.9 and 0.6 against 0.7 and the refused case: 3 of 4 pairs; unfamiliar: 1, 0 against 0 and the refused case: 3.5 of 4.
    // value gap and best passage: 0 everywhere, so a tie but for the refused case: 3 of 4.
    expect(signalAucs(cases)).toEqual({ lexical: 0.75, unfamiliar: 0.875, valueGap: 0.75, passage: 0.75, checks: 0.75 });
  });
});

describe("threshold choice", () => {
  const scored = [0.9, 0.8, 0.7, 0.6].map((support) => ({ answerable: true, support })).concat([0.65, 0.3, 0.2].map((support) => ({ answerable: false, support })));

  it("takes the largest recall minus false refusals within the false-refusal budget", () => {
    expect(chooseThreshold(refusalCurve(scored, 0.05), 0).threshold).toBe(0.35);
    // One false refusal allowed: refusing below 0.7 refuses every unanswerable case and the 0.6 one.
    expect(chooseThreshold(refusalCurve(scored, 0.05), 0.25).threshold).toBe(0.7);
    expect(supportAuc(scored)).toBeCloseTo(11 / 12, 10);
  });
});

describe("calibrateRefusal", () => {
  it("refuses to pick a threshold from fewer than 10 unanswerable cases, saying how many are missing", () => {
    const cases = [...Array.from({ length: 20 }, () => entry(true, 0.8)), ...Array.from({ length: 7 }, () => entry(false, 0.2))];
    expect(() => calibrateRefusal(cases, { seed: 7, maxFalseRefusal: 0.1, folds: 5, prior })).toThrow(/has 7 unanswerable case\(s\).*add 3 more/);
  });

  it("fits and picks on one half and reports the other: separable cases are separated there", () => {
    const cases = [...Array.from({ length: 30 }, (_, index) => entry(true, 0.6 + index / 100)), ...Array.from({ length: 20 }, (_, index) => entry(false, 0.1 + index / 100))];
    const report = calibrateRefusal(cases, { seed: 7, maxFalseRefusal: 0.1, folds: 5, prior });
    // The lowest threshold that separates the picking half sits just above its highest unanswerable case: the other half may have one above it.
    expect(report.split.heldOut.falseRefusalRate).toBe(0);
    expect(report.split.heldOut.refusalRecall).toBeGreaterThanOrEqual(0.9);
    expect(report.folds.heldOut.falseRefusalRate).toBe(0);
    expect(report.auc).toEqual({ heldOut: 1, all: 1 });
    expect(report.folds.auc).toBe(1);
    expect(report.folds.thresholds).toHaveLength(5);
    expect(report.splits.n).toBe(1);
    expect(report.splits.heldOut.falseRefusalRate).toEqual({ mean: report.split.heldOut.falseRefusalRate, sd: 0 });
  });

  it("repeats the split with the next seeds, the first being the reported one", () => {
    const cases = [...Array.from({ length: 30 }, (_, index) => entry(true, 0.3 + index / 50)), ...Array.from({ length: 20 }, (_, index) => entry(false, 0.1 + index / 40))];
    const report = calibrateRefusal(cases, { seed: 7, maxFalseRefusal: 0.1, folds: 5, prior, splits: 10 });
    expect(report.splits.n).toBe(10);
    expect(report.splits.heldOut.refusalRecall.sd).toBeGreaterThan(0);
    expect(report.splits.heldOut.refusalRecall.mean).toBeGreaterThan(0);
  });

  it("stores the median of the repeated splits' picks, not one split's, with what it does on every case", () => {
    const cases = [...Array.from({ length: 30 }, (_, index) => entry(true, 0.3 + index / 50)), ...Array.from({ length: 20 }, (_, index) => entry(false, 0.1 + index / 40))];
    const report = calibrateRefusal(cases, { seed: 7, maxFalseRefusal: 0.1, folds: 5, prior, splits: 9 });
    expect(report.splits.thresholds).toHaveLength(9);
    expect(report.splits.thresholds[0]).toBe(report.split.threshold);
    expect(report.chosen.threshold).toBe([...report.splits.thresholds].sort((a, b) => a - b)[4]);
    expect(report.chosen.all).toEqual(rates(cases.map((item) => ({ answerable: item.answerable, support: supportScore(item.signals, report.model) })), report.chosen.threshold));
  });
});

describe("medianThreshold", () => {
  it("takes the middle pick, or the mean of the middle two on the pick step", () => {
    expect(medianThreshold([0.7, 0.64, 0.75])).toBe(0.7);
    expect(medianThreshold([0.72, 0.64, 0.73, 0.8])).toBe(0.73);
    expect(medianThreshold([0.6, 0.61])).toBe(0.61);
    expect(medianThreshold([])).toBeNaN();
  });
});

describe("spread", () => {
  it("gives the mean and population standard deviation", () => {
    expect(spread([0.5, 0.7, 0.9])).toEqual({ mean: expect.closeTo(0.7, 10), sd: expect.closeTo(Math.sqrt(0.08 / 3), 10) });
    expect(spread([]).mean).toBeNaN();
  });
});

describe("signalsRows", () => {
  it("gives each case its support under the model, whether the threshold refuses it, and why the checks set it to 0", () => {
    const cases = [
      { id: "a", question: "What is the fee?" },
      { id: "b", question: "What is the fee on a Gold card?" },
      { id: "c", question: "What was the fee in 2031?" },
    ];
    const results = [entry(true, 0.9), entry(false, 0.9, false, true), { ...entry(false, 0.2), signals: { ...entry(false, 0.2).signals, unseenYears: ["2031"] } }];
    const rows = signalsRows(cases, results, prior, 0.5);
    expect(rows.map((row) => row.id)).toEqual(["a", "b", "c"]);
    expect(rows[0]!.support).toBeCloseTo(supportScore(results[0]!.signals, prior), 4);
    expect(rows[0]!.refused).toBe(false);
    expect(rows[1]).toMatchObject({ support: 0, refused: true, checks: ["missing name"], answerable: false });
    expect(rows[2]).toMatchObject({ support: 0, refused: true, checks: ["unseen year 2031"] });
    // A lower threshold answers what a higher one refuses.
    expect(signalsRows(cases, results, prior, 0.99)[0]!.refused).toBe(true);
  });
});
