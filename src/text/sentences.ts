// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|No|Inc|Ltd|Co|Corp|Mr|Mrs|Ms|Dr|St|Ave|U\.S|N\.A|a\.m|p\.m)\.$/i;

/** Splits prose into sentences at ., ! or ? followed by a capital, digit, quote or bracket. */
export function splitSentences(text: string): string[] {
  const pieces = text.split(/(?<=[.!?])\s+(?=[A-Z0-9"'(\[$])/);
  const sentences: string[] = [];
  for (const piece of pieces) {
    const last = sentences[sentences.length - 1];
    if (last !== undefined && ABBREVIATIONS.test(last)) sentences[sentences.length - 1] = `${last} ${piece}`;
    else if (piece.trim() !== "") sentences.push(piece.trim());
  }
  return sentences;
}
