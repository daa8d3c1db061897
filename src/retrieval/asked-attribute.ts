import type { Chunk } from "../chunking/types.js";
import { comparedAttributeTerms } from "../text/compared-attributes.js";
import { STOP_WORDS, contentTerms, stem, tokenize } from "../text/tokenize.js";
import { VALUE_KINDS, type ValueKind, valueKinds } from "../text/values.js";
import type { MissingName } from "./names.js";
import { sortedHas, termIds } from "./sorted-ids.js";

/** What one document holds, for telling whether it can answer what a question asks of it. */
export interface DocumentProfile {
  /** Content terms of its text and headings. */
  terms: TermList;
  /** The kinds of values it states (amounts, percentages, durations...). */
  kinds: ReadonlySet<ValueKind>;
  /** What it covers, in its own words: the labels of its "label: value" lines (a catalog row's columns), else its section headings. */
  covers: readonly string[];
}

/** A document's terms: membership, and each term (in no particular order). */
export interface TermList extends Iterable<string> {
  has(term: string): boolean;
}

/** A document's profile as built or stored: its terms and kinds in first-seen order. */
export interface ProfileEntry {
  terms: string[];
  kinds: ValueKind[];
  covers: string[];
}

/** Labels and headings kept per document for naming what it covers. */
const MAX_COVERS = 8;
/** A label of a "label: value" line: a short run of words at the start of a line. */
const LABEL_LINE = /^[ \t]*(?:[-*][ \t]+)?([A-Za-z][\w ]{0,30}?):[ \t]+\S/gm;
/** A name shared by more documents than this names a kind of document ("guide"), not one record: not checked (and the check stays cheap). */
const MAX_NAMED_DOCUMENTS = 20;
/** Shortest stem that may match another by prefix ("weigh" / "weight", "lumen" / "lumens"). */
const MIN_PREFIX = 4;
/** Separates a document's covers in their one stored string (labels and headings never hold it). */
const COVER_SEPARATOR = "\u0000";
/** The value-kind sets of every bit mask over VALUE_KINDS, made on first use: `get` allocates no set per call. */
const kindSets = new Map<number, ReadonlySet<ValueKind>>();
const kindsOf = (mask: number): ReadonlySet<ValueKind> => {
  let kinds = kindSets.get(mask);
  if (!kinds) {
    kinds = new Set(VALUE_KINDS.filter((_, index) => (mask & (1 << index)) !== 0));
    kindSets.set(mask, kinds);
  }
  return kinds;
};

/** One document's terms in the shared table: its sorted term ids. */
class StoredTermList implements TermList {
  constructor(
    private readonly table: DocumentProfiles,
    private readonly from: number,
    private readonly to: number,
  ) {}

  has(term: string): boolean {
    return this.table.holdsTerm(this.from, this.to, term);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let at = this.from; at < this.to; at += 1) yield this.table.termAt(at);
  }
}

/**
 * Every document's profile, held as sorted term ids in one flat typed array over one term dictionary
 * (a few bytes per term of a document, where a set of strings per document took tens: at 100k chunks,
 * hundreds of MiB), with the value kinds as a bit mask and the covers as one string per document.
 * `get(docId)` gives a view that answers as the set-based profile did.
 */
export class DocumentProfiles {
  private readonly termIds: ReadonlyMap<string, number>;
  private readonly dictionary: string[];
  private readonly documents = new Map<string, number>();
  private readonly docIds: string[] = [];
  private readonly covers: string[] = [];
  private readonly offsets: Uint32Array;
  private readonly ids: Uint32Array;
  private readonly kindMasks: Uint8Array;

  private constructor(entries: Iterable<[string, ProfileEntry]>) {
    const { terms, ids: termIdMap, idOf } = termIds();
    this.termIds = termIdMap;
    this.dictionary = terms;
    const offsets: number[] = [0];
    let ids: number[] = [];
    const chunks: Uint32Array[] = [];
    const masks: number[] = [];
    let total = 0;
    for (const [docId, entry] of entries) {
      this.documents.set(docId, this.docIds.length);
      this.docIds.push(docId);
      this.covers.push(entry.covers.join(COVER_SEPARATOR));
      masks.push(entry.kinds.reduce((mask, kind) => mask | (1 << VALUE_KINDS.indexOf(kind)), 0));
      const own = new Set<number>();
      for (const term of entry.terms) own.add(idOf(term));
      ids.push(...[...own].sort((a, b) => a - b));
      total += own.size;
      offsets.push(total);
      // Flushed in pieces: no plain array of every document's ids at once.
      if (ids.length > 65_536) {
        chunks.push(Uint32Array.from(ids));
        ids = [];
      }
    }
    chunks.push(Uint32Array.from(ids));
    this.ids = new Uint32Array(total);
    let at = 0;
    for (const piece of chunks) {
      this.ids.set(piece, at);
      at += piece.length;
    }
    this.offsets = Uint32Array.from(offsets);
    this.kindMasks = Uint8Array.from(masks);
  }

  /** The profiles of the given documents' entries, in their order. */
  static from(entries: Iterable<[string, ProfileEntry]>): DocumentProfiles {
    return new DocumentProfiles(entries);
  }

  /** How many documents have a profile. */
  get size(): number {
    return this.docIds.length;
  }

  get(docId: string): DocumentProfile | undefined {
    const index = this.documents.get(docId);
    if (index === undefined) return undefined;
    const covers = this.covers[index]!;
    return {
      terms: new StoredTermList(this, this.offsets[index]!, this.offsets[index + 1]!),
      kinds: kindsOf(this.kindMasks[index]!),
      covers: covers === "" ? [] : covers.split(COVER_SEPARATOR),
    };
  }

  /** Every document's profile as stored with a build (terms in id order, kinds in VALUE_KINDS order). */
  *entries(): Generator<[string, ProfileEntry]> {
    for (const docId of this.docIds) {
      const profile = this.get(docId)!;
      yield [docId, { terms: [...profile.terms], kinds: [...profile.kinds], covers: [...profile.covers] }];
    }
  }

  /** @internal Whether the ids at [from, to) hold the term's id (binary search). */
  holdsTerm(from: number, to: number, term: string): boolean {
    const id = this.termIds.get(term);
    return id !== undefined && sortedHas(this.ids, from, to, id);
  }

  /** @internal The term at a position of the id list. */
  termAt(at: number): string {
    return this.dictionary[this.ids[at]!]!;
  }
}

/** Builds each document's profile from its chunks. */
export function buildDocumentProfiles(chunks: Iterable<Pick<Chunk, "docId" | "text" | "headingPath">>): DocumentProfiles {
  const profiles = new Map<string, { terms: Set<string>; kinds: Set<ValueKind>; covers: string[] }>();
  const headings = new Map<string, string[]>();
  for (const chunk of chunks) {
    let profile = profiles.get(chunk.docId);
    if (!profile) {
      profile = { terms: new Set(), kinds: new Set(), covers: [] };
      profiles.set(chunk.docId, profile);
      headings.set(chunk.docId, []);
    }
    for (const term of contentTerms(`${chunk.headingPath.join(" ")} ${chunk.text}`)) profile.terms.add(term);
    for (const kind of valueKinds(chunk.text)) profile.kinds.add(kind);
    for (const match of chunk.text.matchAll(LABEL_LINE)) {
      const label = match[1]!.trim();
      if (profile.covers.length < MAX_COVERS && !profile.covers.includes(label)) profile.covers.push(label);
    }
    const section = chunk.headingPath[1];
    const seen = headings.get(chunk.docId)!;
    if (section && seen.length < MAX_COVERS && !seen.includes(section)) seen.push(section);
  }
  for (const [docId, profile] of profiles) if (profile.covers.length === 0) profile.covers = headings.get(docId)!;
  // Each document's sets are let go as soon as its ids are taken (no second copy of all of them at once).
  function* drained(): Generator<[string, ProfileEntry]> {
    for (const [docId, profile] of profiles) {
      profiles.delete(docId);
      yield [docId, { terms: [...profile.terms], kinds: [...profile.kinds], covers: profile.covers }];
    }
  }
  return DocumentProfiles.from(drained());
}

// Question forms that ask for a kind of value, in English; a document stating a value of that kind may answer it.
const ASKED_KINDS: Array<[RegExp, ValueKind[]]> = [
  // "How much does it weigh?" asks for the weight by its name, not for an amount: no kind of value stands in for the word.
  [/\bhow much\b(?![^?]*\bweigh)|\bcost\b|\bprice\b/i, ["money", "measure", "percent", "count"]],
  [/\bhow many\b/i, ["count", "measure", "duration", "money"]],
  [/\bhow (?:long|soon|often|old)\b/i, ["duration", "date", "time", "count"]],
  [/\bhow (?:big|heavy|large|tall|wide|far|warm|cold|fast|bright|loud)\b/i, ["measure", "count"]],
  [/\bwhen\b|\bwhat (?:date|day|time|year|month)\b/i, ["date", "time", "duration"]],
  [/\b(?:percent|percentage|rate|share)\b/i, ["percent"]],
];

/**
 * Question forms that ask for an attribute of a thing ("what ...", "which ...", "how much/many/long ..."),
 * in English. Others are left alone: "who makes X" is answered by a brand column that never says "make",
 * "how do I ..." by a procedure, a yes-no question by what is said about something near it.
 */
const ASKS_ATTRIBUTE = /\b(?:what|which|how (?:much|many|long|soon|often|big|heavy|large|tall|wide|far|warm|cold|old|fast|bright|loud))\b/i;

/** The value kinds a question's form asks for ("how much" -> amounts), empty when it asks for none. */
export function askedKinds(question: string): Set<ValueKind> {
  return new Set(ASKED_KINDS.filter(([pattern]) => pattern.test(question)).flatMap(([, kinds]) => kinds));
}

/** Whether a document's terms hold a term, as written or as a longer or shorter form of it ("weigh" in "weight"). */
function holds(terms: TermList, term: string): boolean {
  if (terms.has(term)) return true;
  if (term.length < MIN_PREFIX) return false;
  for (const known of terms) {
    if (known.length >= MIN_PREFIX && (known.startsWith(term) || term.startsWith(known))) return true;
  }
  return false;
}

/** What the attribute check reads of a query. */
export interface AttributeQuestion {
  /** The question as asked. */
  text: string;
  terms: readonly string[];
  /** Documents the question names, and the names that named them ("Fernhollow Trail Merino Crew Socks"). */
  named: ReadonlyArray<{ value: string; docIds: ReadonlySet<string> }>;
  /** Terms that say which document is meant (the names, years). */
  documentTerms: ReadonlySet<string>;
}

/**
 * What a question asks of the documents it names, when those documents do not carry it at all: "What
 * do the Fernhollow Trail Merino Crew Socks weigh?" when the socks' catalog row (and every other
 * document naming them) has no weight. The asked attribute is every word of the question that is not
 * part of the name, the corpus knows, and is not a stop word; if none of them appears in any named
 * document (as written or as a longer or shorter form), and none of those documents states a value
 * of the kind the question's form asks for ("how much" -> an amount), the documents cannot answer it.
 * Only questions that ask for an attribute ("what", "which", "how much/many/long ...") are checked.
 * Words the corpus never uses are left out (they may be the user's own paraphrase); so are questions
 * that name nothing, and questions that name only documents of their own, no record of a file of
 * several (`isRecord`: a catalog's rows, a report's pages): a record's attributes are all in the
 * record, a guide's or a policy's subject is covered by other documents too. The result names what
 * is missing and what the first named document covers.
 */
export function missingAttribute(
  question: AttributeQuestion,
  profiles: Pick<ReadonlyMap<string, DocumentProfile>, "get">,
  knows: (term: string) => boolean,
  /** Whether a document is one of several from one file (a catalog's record, a report's page); the check reads only questions that name such documents. */
  isRecord: (docId: string) => boolean = () => true,
): MissingName | undefined {
  if (!ASKS_ATTRIBUTE.test(question.text)) return undefined;
  const named = question.named.filter((entity) => entity.docIds.size > 0);
  if (named.length === 0) return undefined;
  const docIds = [...new Set(named.flatMap((entity) => [...entity.docIds]))];
  if (docIds.length > MAX_NAMED_DOCUMENTS) return undefined;
  // Documents of their own (a size guide, a policy) are not where every answer about what they name is kept: "the return window for Sleeping Bags" is in the returns policy.
  if (!docIds.some(isRecord)) return undefined;
  const scope = docIds.map((docId) => profiles.get(docId)).filter((profile): profile is DocumentProfile => profile !== undefined);
  if (scope.length === 0) return undefined;
  const asked = [...new Set(question.terms)].filter((term) => /\p{L}/u.test(term) && !question.documentTerms.has(term) && knows(term));
  if (asked.length === 0) return undefined;
  // A comparative asks for the attribute it compares ("lighter": the weight field).
  const compared = comparedAttributeTerms(question.text);
  const heldBy = (profile: DocumentProfile, term: string) => holds(profile.terms, term) || (compared.get(term)?.some((attribute) => holds(profile.terms, attribute)) ?? false);
  if (asked.some((term) => scope.some((profile) => heldBy(profile, term)))) return undefined;
  const kinds = askedKinds(question.text);
  if (scope.some((profile) => [...kinds].some((kind) => profile.kinds.has(kind)))) return undefined;
  const askedSet = new Set(asked);
  const written = tokenize(question.text).filter((token) => !STOP_WORDS.has(token) && askedSet.has(stem(token)));
  const thing = named.reduce((longest, entity) => (entity.value.length > longest.value.length ? entity : longest));
  const first = profiles.get([...thing.docIds][0]!) ?? scope[0]!;
  return { name: `"${[...new Set(written)].join(" ")}" for ${thing.value}`, close: first.covers.slice(0, 4) };
}
