/** Writing plain text (from PDF, HTML or Word files) as Markdown that the chunker reads back as intended. */

const STRUCTURAL_LINE_START = /^(\s*)(#{1,6}(?=\s)|\||```|~~~)/;

/**
 * Escapes a line that would otherwise parse as a heading, table row or code fence, so text such as
 * "# 1 in sales" or "| a | b |" copied out of a PDF stays a paragraph.
 */
export function escapeMarkdownLine(line: string): string {
  return line.replace(STRUCTURAL_LINE_START, (_, indent: string, marker: string) => `${indent}\\${marker}`);
}

/** Collapses runs of whitespace (including newlines) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function tableCell(text: string): string {
  return collapseWhitespace(text).replace(/\|/g, "\\|");
}

/**
 * A GitHub-style pipe table; rows shorter than the widest row are padded with empty cells.
 * @example renderPipeTable(["Plan", "Fee"], [["Basic", "$5"]]) // "| Plan | Fee |\n| --- | --- |\n| Basic | $5 |"
 */
export function renderPipeTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = Math.max(header.length, ...rows.map((row) => row.length));
  const line = (cells: readonly string[]): string =>
    `| ${Array.from({ length: width }, (_, index) => tableCell(cells[index] ?? "")).join(" | ")} |`;
  return [line(header), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...rows.map(line)].join("\n");
}
