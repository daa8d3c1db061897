import { describe, expect, it } from "vitest";
import { findHighlights } from "./highlight.js";

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
