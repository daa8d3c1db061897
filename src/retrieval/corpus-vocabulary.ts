import type { MetadataValue } from "../corpus/types.js";
import type { IndexManifest } from "../index/index-manifest.js";
import { contentTerms, STOP_WORDS, tokenize } from "../text/tokenize.js";

/** A name the corpus uses for something (a product, a document title or type), found in metadata at ingest. */
export interface Entity {
  kind: "product" | "title" | "doc_type";
  value: string;
  /** Content terms of the name, in order. */
  terms: string[];
  docIds: Set<string>;
}

/** Where a document stands in its family of versions (same `family`, different effective dates). */
export interface VersionInfo {
  family: string;
  effectiveDate: string;
  /** True when a newer document of the same family exists. */
  superseded: boolean;
}

/** The corpus's own vocabulary: word frequencies (for typo correction), entities and document versions. */
export interface CorpusVocabulary {
  tokenFrequency: Map<string, number>;
  /** Alphabetic corpus words grouped by length, for typo correction. */
  wordsByLength: Map<number, Array<[string, number]>>;
  /** Corrections already worked out (null: no corpus word is close enough); a scan of the vocabulary is the costly part. */
  corrections: Map<string, string | null>;
  entities: Entity[];
  versions: Map<string, VersionInfo>;
}

const asList = (value: MetadataValue | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [String(value)];

/** Builds the vocabulary from the index manifest (document metadata) and the chunk texts. */
export function buildCorpusVocabulary(manifest: IndexManifest, chunkTexts: Iterable<string>): CorpusVocabulary {
  const tokenFrequency = new Map<string, number>();
  for (const text of chunkTexts) for (const token of tokenize(text)) tokenFrequency.set(token, (tokenFrequency.get(token) ?? 0) + 1);

  const byKey = new Map<string, Entity>();
  const documentCount = manifest.documents.length;
  const termDocs = new Map<string, number>();
  for (const document of manifest.documents) {
    const metadata = document.metadata as Record<string, MetadataValue>;
    const names: Array<[Entity["kind"], string]> = [
      ...asList(metadata.product).map((value): [Entity["kind"], string] => ["product", value]),
      ["title", document.title],
      ...asList(metadata.doc_type).map((value): [Entity["kind"], string] => ["doc_type", value.replace(/[-_]/g, " ")]),
    ];
    for (const [kind, value] of names) {
      const terms = contentTerms(value);
      if (terms.length === 0 || /^general$/i.test(value)) continue;
      const key = `${kind}:${terms.join(" ")}`;
      const entity = byKey.get(key) ?? { kind, value, terms, docIds: new Set<string>() };
      entity.docIds.add(document.id);
      byKey.set(key, entity);
    }
    for (const term of new Set(contentTerms(`${document.title} ${asList(metadata.product).join(" ")}`))) termDocs.set(term, (termDocs.get(term) ?? 0) + 1);
  }
  // A one-word name that most documents share ("Harbor") identifies nothing.
  const entities = [...byKey.values()].filter(
    (entity) => entity.terms.length > 1 || (termDocs.get(entity.terms[0]!) ?? 0) <= Math.max(2, documentCount * 0.1),
  );

  const versions = new Map<string, VersionInfo>();
  const families = new Map<string, Array<{ id: string; date: string }>>();
  for (const document of manifest.documents) {
    const metadata = document.metadata as Record<string, MetadataValue>;
    const family = typeof metadata.family === "string" ? metadata.family : undefined;
    const date = typeof metadata.effective_date === "string" ? metadata.effective_date : undefined;
    if (!family || !date) continue;
    families.set(family, [...(families.get(family) ?? []), { id: document.id, date }]);
  }
  for (const [family, members] of families) {
    const newest = members.reduce((latest, member) => (member.date > latest ? member.date : latest), "");
    for (const member of members) versions.set(member.id, { family, effectiveDate: member.date, superseded: member.date < newest });
  }
  const wordsByLength = new Map<number, Array<[string, number]>>();
  for (const [token, frequency] of tokenFrequency) {
    if (token.length < 3 || !/^[a-z]+$/.test(token)) continue;
    wordsByLength.set(token.length, [...(wordsByLength.get(token.length) ?? []), [token, frequency]]);
  }
  return { tokenFrequency, wordsByLength, corrections: new Map(), entities, versions };
}

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const previous2 = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    for (let j = 0; j <= b.length; j += 1) previous2[j] = previous[j]!;
    previous = current;
  }
  return previous[b.length]!;
}

/** Replaces words the corpus never uses with the most frequent corpus word one or two edits away. */
export function correctTypos(text: string, vocabulary: CorpusVocabulary): { text: string; corrections: Array<{ from: string; to: string }> } {
  const corrections: Array<{ from: string; to: string }> = [];
  const corrected = text.replace(/[A-Za-z][A-Za-z']+/g, (word) => {
    const token = word.toLowerCase();
    if (token.length < 4 || STOP_WORDS.has(token) || vocabulary.tokenFrequency.has(token)) return word;
    const known = vocabulary.corrections.get(token);
    if (known !== undefined) {
      if (known !== null) corrections.push({ from: word, to: known });
      return known ?? word;
    }
    const limit = token.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = limit + 1;
    let bestFrequency = 0;
    const candidates: Array<[string, number]> = [];
    for (let length = token.length - limit; length <= token.length + limit; length += 1) candidates.push(...(vocabulary.wordsByLength.get(length) ?? []));
    for (const [candidate, frequency] of candidates) {
      const distance = editDistance(token, candidate, limit);
      if (distance < bestDistance || (distance === bestDistance && distance <= limit && frequency > bestFrequency)) {
        best = candidate;
        bestDistance = distance;
        bestFrequency = frequency;
      }
    }
    const found = best !== undefined && bestDistance <= limit ? best : null;
    if (vocabulary.corrections.size < 50_000) vocabulary.corrections.set(token, found);
    if (found === null) return word;
    corrections.push({ from: word, to: found });
    return found;
  });
  return { text: corrected, corrections };
}

/** Entities whose name appears in the question as consecutive content terms. */
export function findEntities(question: string, vocabulary: CorpusVocabulary): Entity[] {
  const terms = contentTerms(question);
  const joined = ` ${terms.join(" ")} `;
  return vocabulary.entities.filter((entity) => joined.includes(` ${entity.terms.join(" ")} `));
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Year-months ("2026-03") and years the question mentions. */
export function findDates(question: string): { yearMonths: Set<string>; years: Set<string> } {
  const lowered = question.toLowerCase();
  const yearMonths = new Set<string>();
  const years = new Set<string>();
  for (const match of lowered.matchAll(/\b(20\d\d)-(\d\d)(?:-\d\d)?\b/g)) yearMonths.add(`${match[1]}-${match[2]}`);
  for (const match of lowered.matchAll(new RegExp(`\\b(${MONTHS.join("|")})\\s+(?:\\d{1,2},?\\s+)?(20\\d\\d)\\b`, "g"))) {
    yearMonths.add(`${match[2]}-${String(MONTHS.indexOf(match[1]!) + 1).padStart(2, "0")}`);
  }
  for (const match of lowered.matchAll(/\b(20\d\d)\b/g)) years.add(match[1]!);
  return { yearMonths, years };
}
