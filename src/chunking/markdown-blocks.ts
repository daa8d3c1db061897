/** A structural unit of a Markdown section: never split except along its own natural seams. */
export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "code"; text: string }
  | { kind: "table"; caption?: string; header: string[]; rows: string[] };

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,3}(?:[-*+]|\d+[.)])\s+/;
const TABLE_LINE = /^\s*\|/;
const FENCE = /^\s*(```|~~~)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

/** Splits Markdown into headings, paragraphs, lists, code blocks and tables (a table keeps its header and caption). */
export function parseBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.trim() === "") {
      index += 1;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: "heading", level: heading[1]!.length, text: heading[2]!.trim() });
      index += 1;
      continue;
    }
    if (FENCE.test(line)) {
      const fence = FENCE.exec(line)![1]!;
      const body = [line];
      index += 1;
      while (index < lines.length && !lines[index]!.trim().startsWith(fence)) body.push(lines[index++]!);
      if (index < lines.length) body.push(lines[index++]!);
      blocks.push({ kind: "code", text: body.join("\n") });
      continue;
    }
    if (TABLE_LINE.test(line)) {
      const tableLines: string[] = [];
      while (index < lines.length && TABLE_LINE.test(lines[index]!)) tableLines.push(lines[index++]!.trim());
      blocks.push(toTable(tableLines, takeCaption(blocks)));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const items: string[] = [];
      while (index < lines.length && lines[index]!.trim() !== "" && !HEADING.test(lines[index]!) && !TABLE_LINE.test(lines[index]!)) {
        const current = lines[index]!;
        if (LIST_ITEM.test(current) || items.length === 0) items.push(current.trimEnd());
        else items[items.length - 1] += `\n${current.trimEnd()}`;
        index += 1;
      }
      blocks.push({ kind: "list", items });
      continue;
    }
    const paragraph: string[] = [];
    while (
      index < lines.length &&
      lines[index]!.trim() !== "" &&
      !HEADING.test(lines[index]!) &&
      !TABLE_LINE.test(lines[index]!) &&
      !FENCE.test(lines[index]!) &&
      !(paragraph.length > 0 && LIST_ITEM.test(lines[index]!))
    ) {
      paragraph.push(lines[index++]!.trim());
    }
    blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
  }
  return blocks;
}

/** A one-line paragraph right before a table is its caption; it moves into the table block. */
function takeCaption(blocks: Block[]): string | undefined {
  const previous = blocks[blocks.length - 1];
  if (previous?.kind === "paragraph" && previous.text.length <= 200 && !/[.!?]\s+\S/.test(previous.text)) {
    blocks.pop();
    return previous.text;
  }
  return undefined;
}

function toTable(lines: string[], caption: string | undefined): Block {
  const hasSeparator = lines.length >= 2 && TABLE_SEPARATOR.test(lines[1]!);
  const header = hasSeparator ? lines.slice(0, 2) : [];
  const rows = hasSeparator ? lines.slice(2) : lines;
  return { kind: "table", caption, header, rows };
}

/** The Markdown text of a block (a table piece repeats its caption and header row). */
export function renderBlock(block: Block): string {
  switch (block.kind) {
    case "heading":
      return `${"#".repeat(block.level)} ${block.text}`;
    case "paragraph":
    case "code":
      return block.text;
    case "list":
      return block.items.join("\n");
    case "table":
      return [block.caption, block.caption ? "" : undefined, ...block.header, ...block.rows]
        .filter((line): line is string => line !== undefined)
        .join("\n");
  }
}
