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
    if (!namesItself(before, ownTitle)) continue;
    for (const [, doubled, single] of match[0].matchAll(QUOTED)) {
      const name = doubled ?? single!;
      if (CODE.test(name)) names.add(name);
    }
  }
  return [...names];
}

/**
 * Whether text ends in the document's name: "This"/"These" and capitalised words, or its own title. An
 * opening written in capitals ("THIS AGREEMENT IS MADE BETWEEN ACME CORP") has no lower-case verb to end
 * the name, so there the name must end in a word of the title ("THIS MASTER SERVICES AGREEMENT").
 */
function namesItself(before: string, ownTitle: string): boolean {
  if (ownTitle !== "" && ` ${normalised(before)}`.endsWith(` ${ownTitle}`)) return true;
  const name = THIS_NAME.exec(before)?.[1];
  if (name === undefined) return false;
  return name !== name.toUpperCase() || ownTitle.split(" ").includes(normalised(name).split(" ").at(-1)!);
}

/**
 * A parenthesis holding only quoted names (double or single quotes), each maybe after "the", "this" or
 * "hereinafter (referred to as) (the)": `(the "NDA")`, `("DPA")`, `(the 'SOW')`, `(hereinafter "MSA")`,
 * `("Fernhollow", "we", "us")`.
 */
const QUOTED_NAME = `(?:hereinafter\\s+(?:referred\\s+to\\s+as\\s+)?)?(?:(?:the|this)\\s+)?(?:["“][^"“”()]{1,80}["”]|['‘][^'‘’()]{1,80}['’])`;
const DEFINITION = new RegExp(`\\(\\s*${QUOTED_NAME}(?:\\s*(?:,|or|and)\\s*${QUOTED_NAME})*\\s*\\)`, "giu");
const QUOTED = /["“]([^"“”]+)["”]|['‘]([^'‘’]+)['’]/gu;
/** Text ending in "This" or "These" (or in capitals, as contracts often open) and a name of capitalised words, numbers and the small words between them ("This Statement of Work No. 1"). */
const THIS_NAME = /(?:^|[^\p{L}\p{N}])((?:This|These|THIS|THESE)(?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*|of|to|and|for|on|in|the))*\s+[\p{Lu}\p{N}][\p{L}\p{N}.'’&-]*)$/u;
/** A name written as a code: two to six capitals and digits, starting with two capitals (as `writtenWords` reads a question's). */
const CODE = /^\p{Lu}{2}[\p{Lu}\p{N}]{0,4}$/u;

const normalised = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
