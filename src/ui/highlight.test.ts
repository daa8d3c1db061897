import { describe, expect, it } from "vitest";
import { findHighlights, splitByRanges } from "./highlight.js";

const marked = (text: string, snippet: string): string[] => findHighlights(text, snippet).map((range) => text.slice(range.start, range.end));

describe("findHighlights", () => {
  it("finds a sentence quoted from a paragraph, across line breaks and extra spaces", () => {
    const text = "Intro sentence.\nThe cutoff for domestic\nwires is  4:00 p.m. ET. Another sentence.";
    expect(marked(text, "The cutoff for domestic wires is 4:00 p.m. ET.")).toEqual(["The cutoff for domestic\nwires is  4:00 p.m. ET."]);
  });

  it("finds a list item quoted without its marker", () => {
    const text = "Steps:\n\n- Sign the back of the check.\n- Write For Mobile Deposit Only.";
    expect(marked(text, "Write For Mobile Deposit Only.")).toEqual(["Write For Mobile Deposit Only."]);
  });

  it("finds a table row quoted as 'first cell — column: value' by its first cell", () => {
    const text = "Table 4: Limits\n\n| Account status | Daily limit |\n|---|---|\n| Accounts open 30 days or more | $2,500 |\n| Accounts open fewer than 30 days | $500 |";
    expect(marked(text, "Accounts open 30 days or more — Daily limit: $2,500.")).toEqual(["| Accounts open 30 days or more | $2,500 |"]);
  });

  it("marks each passage of a snippet that joins several with ' … ', in text order", () => {
    const text = "First fact here. Filler text. Second fact here.";
    expect(marked(text, "Second fact here. … First fact here.")).toEqual(["First fact here.", "Second fact here."]);
  });

  it("matches a snippet cut short with an ellipsis by its start", () => {
    const text = "A long sentence that goes on and on about fees and limits.";
    expect(marked(text, "A long sentence that goes on…")).toEqual(["A long sentence that goes on"]);
  });

  it("never returns overlapping ranges: a passage inside an earlier, longer one is dropped", () => {
    const text = "Alpha beta gamma delta epsilon. Zeta.";
    expect(marked(text, "Alpha beta gamma delta epsilon. … beta … delta")).toEqual(["Alpha beta gamma delta epsilon."]);
  });

  it("returns nothing when the snippet is not in the chunk", () => {
    expect(findHighlights("Nothing relevant.", "Something else entirely.")).toEqual([]);
  });
});

describe("splitByRanges", () => {
  it("cuts a span where ranges begin and end, marking the parts inside", () => {
    expect(splitByRanges(10, 30, [{ start: 0, end: 12 }, { start: 15, end: 20 }, { start: 28, end: 40 }])).toEqual([
      { start: 10, end: 12, marked: true },
      { start: 12, end: 15, marked: false },
      { start: 15, end: 20, marked: true },
      { start: 20, end: 28, marked: false },
      { start: 28, end: 30, marked: true },
    ]);
  });

  it("marks a table cell whole when its row is highlighted, and leaves a span outside every range alone", () => {
    expect(splitByRanges(5, 9, [{ start: 0, end: 20 }])).toEqual([{ start: 5, end: 9, marked: true }]);
    expect(splitByRanges(5, 9, [{ start: 9, end: 20 }])).toEqual([{ start: 5, end: 9, marked: false }]);
  });
});
