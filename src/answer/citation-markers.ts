const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

export interface ParsedCitations {
  /** The answer with markers that point at no source removed. */
  text: string;
  /** Valid source numbers in order of first appearance. */
  cited: number[];
  /** How many markers pointed at no source. */
  dropped: number;
}

/** Finds [n] and [n, m] markers, keeps those within 1..sourceCount, and removes the rest from the text. */
export function parseCitationMarkers(answer: string, sourceCount: number): ParsedCitations {
  const cited: number[] = [];
  let dropped = 0;
  const text = answer
    .replace(MARKER, (_match, list: string) => {
      const numbers = list.split(",").map((value) => Number(value.trim()));
      const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= sourceCount);
      dropped += numbers.length - valid.length;
      for (const n of valid) if (!cited.includes(n)) cited.push(n);
      return valid.map((n) => `[${n}]`).join("");
    })
    .replace(/[ \t]+([.,;:])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return { text, cited, dropped };
}

/** The sentences of an answer that carry a given marker, without markers: what the snippet should support. */
export function sentencesCiting(answer: string, n: number): string {
  return answer
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => sentence.includes(`[${n}]`))
    .map((sentence) => sentence.replace(MARKER, "").replace(/\s+([.,;:!?])/g, "$1").trim())
    .join(" ");
}
