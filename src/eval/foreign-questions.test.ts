import { describe, expect, it } from "vitest";
import { type ForeignMatrix, renderForeignMatrix } from "./foreign-questions.js";

const cell = (asked: string, askedBy: string, n: number, refused: number) => ({ asked, askedBy, n, refused, answered: [] });

describe("renderForeignMatrix", () => {
  it("puts the corpus asked in rows and whose questions in columns, pools the others, and adds the own set's false refusals", () => {
    const matrix: ForeignMatrix = {
      corpora: ["bank", "store", "law"],
      cells: [cell("bank", "store", 10, 9), cell("bank", "law", 4, 4), cell("store", "bank", 20, 15), cell("store", "law", 4, 2), cell("law", "bank", 20, 20), cell("law", "store", 0, 0)],
      own: [
        { corpus: "bank", n: 20, falseRefusals: 1 },
        { corpus: "store", n: 10, falseRefusals: 0 },
      ],
    };
    expect(renderForeignMatrix(matrix)).toBe(
      [
        "| asked \\ questions of | bank | store | law | all others | own set: false refusals |",
        "|---|---|---|---|---|---|",
        "| bank | – | 0.90 (9/10) | 1.00 (4/4) | 0.93 (13/14) | 0.05 (1/20) |",
        "| store | 0.75 (15/20) | – | 0.50 (2/4) | 0.71 (17/24) | 0.00 (0/10) |",
        "| law | 1.00 (20/20) | – | – | 1.00 (20/20) | – |",
        "",
        "Refused overall: 0.86 (50/58), 95% CI 0.75–0.93.",
        "",
      ].join("\n"),
    );
  });
});
