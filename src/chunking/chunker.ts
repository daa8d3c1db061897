import { createHash } from "node:crypto";
import type { ChunkingSettings } from "../corpus/manifest.js";
import type { SourceDocument } from "../corpus/types.js";
import { splitSentences } from "../text/sentences.js";
import { type Block, parseBlocks, renderBlock } from "./markdown-blocks.js";
import { textBlocks } from "./text-blocks.js";
import type { Chunk } from "./types.js";

interface Section {
  headingPath: string[];
  blocks: Block[];
}

export function countWords(text: string): number {
  const matches = text.match(/\S+/g);
  return matches ? matches.length : 0;
}

/** Groups blocks under the heading path they belong to (title > section > subsection). */
function toSections(document: SourceDocument, blocks: Block[]): Section[] {
  const sections: Section[] = [];
  const headings: { level: number; text: string }[] = [];
  let current: Section = { headingPath: [document.title], blocks: [] };
  for (const block of blocks) {
    if (block.kind !== "heading") {
      current.blocks.push(block);
      continue;
    }
    if (current.blocks.length > 0) sections.push(current);
    // A level-1 heading that repeats the title is the title itself, not a section.
    if (block.level === 1 && block.text.toLowerCase() === document.title.toLowerCase()) {
      headings.length = 0;
    } else {
      while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
    }
    current = { headingPath: [document.title, ...headings.map((heading) => heading.text)], blocks: [] };
  }
  if (current.blocks.length > 0) sections.push(current);
  return sections;
}

/** Breaks one block that is larger than the limit along its natural seams (rows, items, sentences). */
function splitOversizedBlock(block: Block, maxWords: number): Block[] {
  const pieces: Block[] = [];
  const pack = <T>(items: T[], size: (item: T) => number, fixedWords: number, make: (group: T[]) => Block): void => {
    let group: T[] = [];
    let words = fixedWords;
    for (const item of items) {
      const itemWords = size(item);
      if (group.length > 0 && words + itemWords > maxWords) {
        pieces.push(make(group));
        group = [];
        words = fixedWords;
      }
      group.push(item);
      words += itemWords;
    }
    if (group.length > 0) pieces.push(make(group));
  };
  switch (block.kind) {
    case "table": {
      const fixed = countWords([block.caption ?? "", ...block.header].join(" "));
      pack(block.rows, countWords, fixed, (rows) => ({ ...block, rows }));
      break;
    }
    case "list":
      pack(block.items, countWords, 0, (items) => ({ kind: "list", items }));
      break;
    case "paragraph":
      pack(splitSentences(block.text), countWords, 0, (sentences) => ({ kind: "paragraph", text: sentences.join(" ") }));
      break;
    default:
      pieces.push(block);
  }
  return pieces;
}

/** Packs a section's blocks into chunks of at most maxWords, merging a too-small last chunk into the previous one. */
function packSection(section: Section, settings: ChunkingSettings): string[] {
  const groups: { texts: string[]; words: number }[] = [];
  let current: { texts: string[]; words: number } = { texts: [], words: 0 };
  const blocks = section.blocks.flatMap((block) =>
    countWords(renderBlock(block)) > settings.maxWords ? splitOversizedBlock(block, settings.maxWords) : [block],
  );
  for (const block of blocks) {
    const text = renderBlock(block);
    const words = countWords(text);
    if (current.texts.length > 0 && current.words + words > settings.maxWords) {
      groups.push(current);
      current = { texts: [], words: 0 };
    }
    current.texts.push(text);
    current.words += words;
  }
  if (current.texts.length > 0) groups.push(current);
  const last = groups[groups.length - 1];
  const beforeLast = groups[groups.length - 2];
  if (last && beforeLast && last.words < settings.minWords && beforeLast.words + last.words <= settings.maxWords * 1.25) {
    beforeLast.texts.push(...last.texts);
    beforeLast.words += last.words;
    groups.pop();
  }
  return groups.map((group) => group.texts.join("\n\n"));
}

function chunkId(docId: string, headingPath: string[], text: string): string {
  const digest = createHash("sha256").update(`${headingPath.join("\u241f")}\n${text}`).digest("hex");
  return `${docId}#${digest.slice(0, 12)}`;
}

/**
 * Structure-aware chunking: chunks never cross a heading, tables keep their caption and header row
 * (a long table is split by rows, each piece repeating them), and every chunk carries its heading path.
 */
export function chunkDocument(document: SourceDocument, settings: ChunkingSettings): Chunk[] {
  const blocks: Block[] = document.format === "markdown" ? parseBlocks(document.text) : textBlocks(document.text);
  const chunks: Chunk[] = [];
  const usedIds = new Map<string, number>();
  for (const section of toSections(document, blocks)) {
    for (const text of packSection(section, settings)) {
      let id = chunkId(document.id, section.headingPath, text);
      const seen = usedIds.get(id) ?? 0;
      usedIds.set(id, seen + 1);
      if (seen > 0) id = `${id}-${seen + 1}`;
      const headingPath = section.headingPath;
      const sectionName = headingPath.length > 1 ? headingPath.slice(1).join(" > ") : document.title;
      chunks.push({
        id,
        docId: document.id,
        ordinal: chunks.length,
        title: document.title,
        section: sectionName,
        headingPath,
        text,
        metadata: { ...document.metadata, docId: document.id, title: document.title, section: sectionName, sourcePath: document.sourcePath },
      });
    }
  }
  return chunks;
}
