/** A character range of a chunk's text to mark as the supporting evidence. */
export interface TextRange {
  start: number;
  end: number;
}

/** The text with whitespace runs collapsed, and for each kept character its index in the original. */
function collapse(text: string): { text: string; positions: number[] } {
  let collapsed = "";
  const positions: number[] = [];
  let inSpace = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (/\s/.test(character)) {
      if (inSpace || collapsed === "") continue;
      inSpace = true;
      collapsed += " ";
    } else {
      inSpace = false;
      collapsed += character;
    }
    positions.push(index);
  }
  return { text: collapsed, positions };
}

function findPassage(chunkText: string, collapsed: { text: string; positions: number[] }, passage: string): TextRange | undefined {
  const needle = collapse(passage.replace(/…$/, "").trim()).text;
  if (needle.length < 3) return undefined;
  const at = collapsed.text.indexOf(needle);
  if (at >= 0) return { start: collapsed.positions[at]!, end: collapsed.positions[at + needle.length - 1]! + 1 };
  return findTableRow(chunkText, needle);
}

/**
 * Table rows are quoted as "First cell — Column: value; …", so the row is found by its first cell.
 * Returns the whole line of the table.
 */
function findTableRow(chunkText: string, passage: string): TextRange | undefined {
  const firstCell = passage.split(" — ")[0]!.replace(/\.$/, "").trim();
  if (firstCell === "") return undefined;
  let offset = 0;
  for (const line of chunkText.split("\n")) {
    const cells = line.trim().replace(/^\|/, "").split("|");
    if (line.trim().startsWith("|") && cells[0]?.trim() === firstCell) return { start: offset, end: offset + line.length };
    offset += line.length + 1;
  }
  return undefined;
}

/**
 * Where a citation's snippet sits in its chunk. A snippet may quote several passages joined by " … ";
 * each one found is returned, in text order. Sentences and list items are matched with whitespace
 * collapsed; table rows by their first cell.
 */
export function findHighlights(chunkText: string, snippet: string): TextRange[] {
  const collapsed = collapse(chunkText);
  const ranges = snippet
    .split(" … ")
    .map((passage) => findPassage(chunkText, collapsed, passage))
    .filter((range): range is TextRange => range !== undefined)
    .sort((a, b) => a.start - b.start);
  // Drop overlaps so the marks can be inserted in one pass; compare with the last range kept, not the
  // previous one, which may itself have been dropped inside a longer range.
  const kept: TextRange[] = [];
  for (const range of ranges) if (kept.length === 0 || range.start >= kept.at(-1)!.end) kept.push(range);
  return kept;
}

/** A piece of source[start, end), inside one of the highlight ranges or not. */
export interface MarkedPiece {
  start: number;
  end: number;
  marked: boolean;
}

/** Cuts source[start, end) where highlight ranges begin and end, so each piece is marked or not as a whole. */
export function splitByRanges(start: number, end: number, ranges: TextRange[]): MarkedPiece[] {
  const pieces: MarkedPiece[] = [];
  let at = start;
  for (const range of ranges) {
    if (range.end <= at || range.start >= end) continue;
    if (range.start > at) pieces.push({ start: at, end: range.start, marked: false });
    const markedEnd = Math.min(end, range.end);
    pieces.push({ start: Math.max(at, range.start), end: markedEnd, marked: true });
    at = markedEnd;
  }
  if (at < end) pieces.push({ start: at, end, marked: false });
  return pieces;
}
