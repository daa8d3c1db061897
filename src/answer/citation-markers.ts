const MARKER = /\[(\d+(?:\s*,\s*\d+)*)\]/g;
/** What may join two markers in a list: spaces, a comma, "and", "or", "&" ("[1], [2] and [3]"). */
const CONNECTIVE = String.raw`[ \t]*,?[ \t]*(?:(?:and|or|&)[ \t]*)?`;
const ANY_MARKER = String.raw`\[\d+(?:\s*,\s*\d+)*\]`;
const MARKER_LIST = new RegExp(`${ANY_MARKER}(?:${CONNECTIVE}${ANY_MARKER})*`, "gi");

export interface ParsedCitations {
  /** The answer with markers that point at no source removed. */
  text: string;
  /** Valid source numbers in order of first appearance. */
  cited: number[];
  /** How many markers pointed at no source. */
  dropped: number;
}

/**
 * Rewrites a list of markers ("[1] and [7] and [3]") keeping what `keep` returns for each marker; a
 * dropped marker takes its connective with it, and the list's last connective ("and", "or") stays
 * before its last kept marker: "[1] and [3]", never "[1] and and [3]".
 */
function rewriteMarkerList(list: string, keep: (numbers: string) => string): string {
  const markers = [...list.matchAll(MARKER)];
  const kept: { text: string; before: string }[] = [];
  let lastConnective = "";
  for (const [index, match] of markers.entries()) {
    const previous = markers[index - 1];
    lastConnective = previous ? list.slice(previous.index + previous[0].length, match.index) : "";
    const text = keep(match[1]!);
    if (text !== "") kept.push({ text, before: lastConnective });
  }
  const droppedAny = kept.length < markers.length;
  // Two items need no serial comma: "[2], and [3]" becomes "[2] and [3]".
  const last = droppedAny && kept.length === 2 ? lastConnective.replace(/^[ \t]*,(?=[ \t]*(?:and|or|&))/i, "") : lastConnective;
  return kept.map((item, index) => (index === 0 ? "" : index === kept.length - 1 && droppedAny ? last : item.before) + item.text).join("");
}

/** Finds [n] and [n, m] markers, keeps those within 1..sourceCount, and removes the rest from the text. */
export function parseCitationMarkers(answer: string, sourceCount: number): ParsedCitations {
  const cited: number[] = [];
  let dropped = 0;
  const keep = (list: string): string => {
    const numbers = list.split(",").map((value) => Number(value.trim()));
    const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= sourceCount);
    dropped += numbers.length - valid.length;
    for (const n of valid) if (!cited.includes(n)) cited.push(n);
    return valid.map((n) => `[${n}]`).join("");
  };
  const text = answer
    .replace(MARKER_LIST, (list) => rewriteMarkerList(list, keep))
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
