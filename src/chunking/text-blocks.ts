import type { Block } from "./markdown-blocks.js";

const FIELD_LINE = /^[^:|\n]{1,40}:\s+\S/;
const cellsOf = (line: string): string[] => line.split("|").map((cell) => cell.trim());

/**
 * The blocks of a plain-text document: paragraphs separated by blank lines. A paragraph whose lines
 * all have the same number of `|`-separated cells is a table (first line as header); one whose
 * lines are `Name: value` fields (a CSV or JSONL record) is a list, one field per item, so each field
 * stays a quotable unit. Any other paragraph's lines are joined with spaces.
 */
export function textBlocks(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split("\n").filter((line) => line.trim() !== ""))
    .filter((lines) => lines.length > 0)
    .map((lines): Block => {
      const width = cellsOf(lines[0]!).length;
      if (lines.length >= 2 && width >= 2 && lines.every((line) => cellsOf(line).length === width)) {
        const row = (line: string) => `| ${cellsOf(line).join(" | ")} |`;
        return { kind: "table", header: [row(lines[0]!), `|${" --- |".repeat(width)}`], rows: lines.slice(1).map(row) };
      }
      if (lines.length >= 2 && lines.every((line) => FIELD_LINE.test(line.trim()))) return { kind: "list", items: lines.map((line) => `- ${line.trim()}`) };
      return { kind: "paragraph", text: lines.map((line) => line.trim()).join(" ") };
    });
}
