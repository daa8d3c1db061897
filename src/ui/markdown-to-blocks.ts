// Markdown as the UI shows it: paragraphs, (nested) lists and tables, with bold. Unlike the chunker's
// parser (src/chunking/markdown-blocks.ts), every piece of text keeps its position in the source, so
// evidence ranges found in a chunk's text (highlight.ts) can be marked in the rendered blocks.

/** A piece of the source shown as is: `source.slice(start, end)`, bold or not. */
export interface TextSpan {
  start: number;
  end: number;
  strong: boolean;
}

export interface TableRow {
  /** The whole line in the source. */
  start: number;
  end: number;
  cells: TextSpan[][];
}

export interface ListItem {
  content: TextSpan[];
  /** Lists nested under this item. */
  children: DisplayBlock[];
}

export type DisplayBlock =
  | { kind: "paragraph"; content: TextSpan[]; heading: boolean }
  | { kind: "list"; ordered: boolean; items: ListItem[] }
  | { kind: "table"; header: TableRow | undefined; rows: TableRow[] };

interface Line {
  text: string;
  start: number;
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+/;
const TABLE_LINE = /^\s*\|/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const HEADING = /^#{1,6}\s+/;

/** Spans of source[start, end) with `**bold**` turned into strong spans (the asterisks dropped). */
export function inlineSpans(source: string, start: number, end: number): TextSpan[] {
  const spans: TextSpan[] = [];
  const push = (from: number, to: number, strong: boolean) => {
    if (to > from) spans.push({ start: from, end: to, strong });
  };
  let last = start;
  for (const match of source.slice(start, end).matchAll(/\*\*(?=\S)(.+?)\*\*/g)) {
    const at = start + match.index;
    push(last, at, false);
    push(at + 2, at + match[0].length - 2, true);
    last = at + match[0].length;
  }
  push(last, end, false);
  return spans;
}

/** The cells of a table line, each trimmed, split on pipes that are not escaped. */
function tableRow(source: string, line: Line): TableRow {
  const end = line.start + line.text.length;
  const cells: TextSpan[][] = [];
  let inner = line.text.replace(/\s+$/, "");
  let offset = line.start + (inner.length - inner.trimStart().length);
  inner = inner.trimStart();
  if (inner.startsWith("|")) {
    inner = inner.slice(1);
    offset += 1;
  }
  if (inner.endsWith("|") && !inner.endsWith("\\|")) inner = inner.slice(0, -1);
  for (const cell of inner.split(/(?<!\\)\|/)) {
    const leading = cell.length - cell.trimStart().length;
    cells.push(inlineSpans(source, offset + leading, offset + leading + cell.trim().length));
    offset += cell.length + 1;
  }
  return { start: line.start, end, cells };
}

function parseTable(source: string, lines: Line[]): DisplayBlock {
  const hasHeader = lines.length >= 2 && TABLE_SEPARATOR.test(lines[1]!.text);
  // A separator elsewhere (a snippet cut just before it) is not shown.
  const body = (hasHeader ? lines.slice(2) : lines).filter((line) => !TABLE_SEPARATOR.test(line.text));
  return { kind: "table", header: hasHeader ? tableRow(source, lines[0]!) : undefined, rows: body.map((line) => tableRow(source, line)) };
}

type ListBlock = DisplayBlock & { kind: "list" };

/**
 * Items become nested lists by their marker's indentation; a line without a marker continues the item
 * above; a change between numbered and bulleted markers starts a new list.
 */
function parseList(source: string, lines: Line[]): ListBlock[] {
  const newList = (marker: RegExpExecArray): ListBlock => ({ kind: "list", ordered: /\d/.test(marker[2]!), items: [] });
  const first = LIST_ITEM.exec(lines[0]!.text)!;
  const roots: ListBlock[] = [newList(first)];
  const stack: Array<{ indent: number; list: ListBlock; parent?: ListItem }> = [{ indent: first[1]!.length, list: roots[0]! }];
  let current: { item: ListItem; start: number } | undefined;
  const close = (end: number) => {
    if (current) current.item.content = inlineSpans(source, current.start, end);
  };
  for (const line of lines) {
    const marker = LIST_ITEM.exec(line.text);
    if (!marker) {
      // A continuation line: the item now runs to the end of this line.
      if (current) close(line.start + line.text.trimEnd().length);
      continue;
    }
    const indent = marker[1]!.length;
    while (stack.length > 1 && indent < stack[stack.length - 1]!.indent) stack.pop();
    const top = stack[stack.length - 1]!;
    const parentItem = top.list.items[top.list.items.length - 1];
    if (indent > top.indent && parentItem) {
      const nested = newList(marker);
      parentItem.children.push(nested);
      stack.push({ indent, list: nested, parent: parentItem });
    } else if (top.list.ordered !== /\d/.test(marker[2]!)) {
      top.list = newList(marker);
      if (top.parent) top.parent.children.push(top.list);
      else roots.push(top.list);
    }
    const item: ListItem = { content: [], children: [] };
    stack[stack.length - 1]!.list.items.push(item);
    current = { item, start: line.start + marker[0].length };
    close(line.start + line.text.trimEnd().length);
  }
  return roots;
}

/** Splits Markdown into paragraphs, lists and tables whose text spans point into the source. */
export function markdownToBlocks(source: string): DisplayBlock[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const text of source.split("\n")) {
    lines.push({ text, start: offset });
    offset += text.length + 1;
  }
  const blocks: DisplayBlock[] = [];
  let index = 0;
  const takeWhile = (accept: (line: Line) => boolean): Line[] => {
    const taken: Line[] = [];
    while (index < lines.length && accept(lines[index]!)) taken.push(lines[index++]!);
    return taken;
  };
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.text.trim() === "") {
      index += 1;
    } else if (TABLE_LINE.test(line.text)) {
      blocks.push(parseTable(source, takeWhile((next) => TABLE_LINE.test(next.text))));
    } else if (LIST_ITEM.test(line.text)) {
      blocks.push(...parseList(source, takeWhile((next) => next.text.trim() !== "" && !TABLE_LINE.test(next.text) && !HEADING.test(next.text))));
    } else if (HEADING.test(line.text)) {
      index += 1;
      const start = line.start + HEADING.exec(line.text)![0].length;
      blocks.push({ kind: "paragraph", content: inlineSpans(source, start, line.start + line.text.trimEnd().length), heading: true });
    } else {
      index += 1;
      const rest = takeWhile((next) => next.text.trim() !== "" && !TABLE_LINE.test(next.text) && !LIST_ITEM.test(next.text) && !HEADING.test(next.text));
      const last = rest[rest.length - 1] ?? line;
      const start = line.start + (line.text.length - line.text.trimStart().length);
      blocks.push({ kind: "paragraph", content: inlineSpans(source, start, last.start + last.text.trimEnd().length), heading: false });
    }
  }
  return blocks;
}
