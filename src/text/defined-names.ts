/**
 * The short names a document defines for itself in its opening ("This Mutual Non-Disclosure Agreement
 * (the "NDA") is made on ..." -> "NDA"): a parenthesised quoted name right after "This ..."/"These ..."
 * and the document's name in capitalised words, or right after the document's own title. Only names
 * written as a code in capitals (two to six capitals and digits, the first two capitals): a one-word
 * defined name ("Agreement", "Terms", "Amendment") is a common noun that every contract of a set uses
 * for itself or for the agreement it belongs to, and parties' names ("Kestrel", "Customer") follow
 * their own names, not "This ...". A name defined further on for another document ("It amends the
 * Master Subscription Agreement ... (the "MSA")") is not the document's own.
 *
 * @example definedShortNames('This Statement of Work No. 1 (the "SOW") is issued under ...', "Statement of Work No. 1") // ["SOW"]
 */
export function definedShortNames(opening: string, title: string): string[] {
  const names = new Set<string>();
  const ownTitle = normalised(title);
  for (const match of opening.matchAll(DEFINITION)) {
    const before = opening.slice(0, match.index).trimEnd();
    if (!THIS_NAME.test(before) && (ownTitle === "" || !` ${normalised(before)}`.endsWith(` ${ownTitle}`))) continue;
    for (const [, name] of match[0].matchAll(QUOTED)) if (CODE.test(name!)) names.add(name!);
  }
  return [...names];
}

/** A parenthesis holding only quoted names, each maybe after "the" or "this": `(the "NDA")`, `("DPA")`, `("Fernhollow", "we", "us")`. */
const DEFINITION = /\(\s*(?:(?:the|this)\s+)?["“][^"“”()]{1,80}["”](?:\s*(?:,|or|and)\s*(?:(?:the|this)\s+)?["“][^"“”()]{1,80}["”])*\s*\)/giu;
const QUOTED = /["“]([^"“”]+)["”]/gu;
/** Text ending in "This" or "These" and a name of capitalised words, numbers and the small words between them ("This Statement of Work No. 1"). */
const THIS_NAME = /(?:^|[^\p{L}\p{N}])(?:This|These)(?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*|of|to|and|for|on|in|the))*\s+[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*$/u;
/** A name written as a code: two to six capitals and digits, starting with two capitals (as `writtenWords` reads a question's). */
const CODE = /^\p{Lu}{2}[\p{Lu}\p{N}]{0,4}$/u;

const normalised = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
