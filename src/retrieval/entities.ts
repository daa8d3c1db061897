import type { ScoringSettings } from "../config/scoring.js";
import type { MetadataValue } from "../corpus/types.js";
import type { IndexManifest } from "../index/index-manifest.js";
import { contentTerms } from "../text/tokenize.js";
import { titleInitials } from "../text/title-initials.js";
import { namesIn } from "./names.js";

/** A name the corpus uses for something (a product, a document title or type, a name in a title or file name), found at ingest. */
export interface Entity {
  kind: "product" | "title" | "doc_type" | "name" | "initials";
  value: string;
  /** Content terms of the name, in order. */
  terms: string[];
  docIds: Set<string>;
}

/** Metadata values that say "no particular thing" rather than name one (`product: General`). */
const PLACEHOLDER_NAMES = new Set(["general", "all", "any", "none", "n/a", "na", "other", "others", "misc", "miscellaneous", "various", "default", "unknown"]);

export const asList = (value: MetadataValue | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [String(value)];

/**
 * The names of the corpus's documents: titles, `product` and `doc_type` metadata, and the initials of
 * titles that the documents' text uses (`usedTerm`: `titleInitialNames`) and the short names documents
 * define for themselves in their opening (`definedNames`, by document id: `definedShortNames`). Placeholder values
 * ("General", "N/A") and a one-word name that many documents share ("Harbor") identify nothing and are left out.
 */
export function buildEntities(
  documents: IndexManifest["documents"],
  settings: ScoringSettings["entities"],
  usedTerm: (term: string) => boolean = () => false,
  definedNames: ReadonlyMap<string, readonly string[]> = new Map(),
): Entity[] {
  const byKey = new Map<string, Entity>();
  const termDocuments = new Map<string, number>();
  for (const document of documents) {
    const metadata = document.metadata as Record<string, MetadataValue>;
    const names: Array<[Entity["kind"], string]> = [
      ...asList(metadata.product).map((value): [Entity["kind"], string] => ["product", value]),
      ["title", document.title],
      ...asList(metadata.doc_type).map((value): [Entity["kind"], string] => ["doc_type", value.replace(/[-_]/g, " ")]),
    ];
    for (const [kind, value] of names) {
      const terms = contentTerms(value);
      if (terms.length === 0 || PLACEHOLDER_NAMES.has(value.trim().toLowerCase())) continue;
      const key = `${kind}:${terms.join(" ")}`;
      const entity = byKey.get(key) ?? { kind, value, terms, docIds: new Set<string>() };
      entity.docIds.add(document.id);
      byKey.set(key, entity);
    }
    for (const term of new Set(contentTerms(`${document.title} ${asList(metadata.product).join(" ")}`))) {
      termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1);
    }
  }
  const shared = Math.max(settings.minDocuments, documents.length * settings.maxSharedShare);
  const fromMetadata = [...byKey.values()].filter((entity) => entity.terms.length > 1 || (termDocuments.get(entity.terms[0]!) ?? 0) <= shared);
  return [...fromMetadata, ...titleNames(documents, shared), ...titleInitialNames(documents, usedTerm, definedNames, shared)];
}

/**
 * Titles' initials the documents use as a word ("MSA" for the Master Subscription Agreement, used in
 * "Section 5.3 of the MSA"), and the short names documents define for themselves in their opening
 * (`definedNames`: "NDA" for the Mutual Non-Disclosure Agreement that opens "This Mutual Non-Disclosure
 * Agreement (the "NDA") ..."), each naming what the title written in full names: the document and the
 * documents whose title holds its name ("Amendment No. 1 to the Master Subscription Agreement").
 * Initials the text never uses are no name anyone knows the document by ("PN" for a Privacy Notice); a
 * short name that more than `shared` documents define for themselves (every NDA of a set of NDAs)
 * names none of them.
 */
export function titleInitialNames(
  documents: IndexManifest["documents"],
  usedTerm: (term: string) => boolean,
  definedNames: ReadonlyMap<string, readonly string[]> = new Map(),
  shared = Infinity,
): Entity[] {
  const definers = new Map<string, number>();
  for (const names of definedNames.values()) for (const name of new Set(names.map((value) => value.toLowerCase()))) definers.set(name, (definers.get(name) ?? 0) + 1);
  const byKey = new Map<string, Entity>();
  for (const document of documents) {
    const titleTerms = contentTerms(document.title).join(" ");
    const defined = (definedNames.get(document.id) ?? []).map((name) => name.toLowerCase()).filter((name) => definers.get(name)! <= shared);
    const initials = titleInitials(document.title).filter((value) => {
      const terms = contentTerms(value);
      return terms.length === 1 && usedTerm(terms[0]!);
    });
    for (const name of new Set([...initials, ...defined])) {
      const terms = contentTerms(name);
      if (terms.length !== 1) continue;
      const entity = byKey.get(name) ?? { kind: "initials" as const, value: name.toUpperCase(), terms, docIds: new Set<string>() };
      for (const other of documents) if (` ${contentTerms(other.title).join(" ")} `.includes(` ${titleTerms} `)) entity.docIds.add(other.id);
      byKey.set(name, entity);
    }
  }
  return [...byKey.values()];
}

/**
 * Names in documents' titles and file names ("Alder Ridge Pharma" in "10-K - 02/07/2019 - Alder Ridge
 * Pharma" and "Alder_Ridge_Pharma_2018_10K.pdf"): what a PDF, text or record corpus without front
 * matter says about which company or product a document is about. A name that many documents share
 * ("Annual Report") says nothing and is left out.
 */
function titleNames(documents: IndexManifest["documents"], shared: number): Entity[] {
  const byKey = new Map<string, Entity>();
  for (const document of documents) {
    const file = document.sourcePath.split("/").at(-1)!.replace(/\.[^.]+$/, "");
    for (const value of new Set([...namesIn(document.title), ...namesIn(file)])) {
      const terms = contentTerms(value);
      // One capitalised word of a title ("Loans", "Backpack") is a topic, not a name; a code ("IRS", "R8") or several words are.
      const code = /^(?:\p{Lu}{2,}|\S*\d\S*)$/u.test(value);
      if (terms.length === 0 || (terms.length < 2 && !code) || value.replace(/[^\p{L}]/gu, "").length < 2) continue;
      const key = terms.join(" ");
      const entity = byKey.get(key) ?? { kind: "name" as const, value, terms, docIds: new Set<string>() };
      entity.docIds.add(document.id);
      byKey.set(key, entity);
    }
  }
  // Names of pages of one file count once: the share is over files.
  const sourceOf = new Map(documents.map((document) => [document.id, document.sourcePath]));
  const files = (entity: Entity) => new Set([...entity.docIds].map((id) => sourceOf.get(id))).size;
  const fileCount = new Set(documents.map((document) => document.sourcePath)).size;
  const limit = Math.max(shared, fileCount * 0.1);
  return [...byKey.values()].filter((entity) => files(entity) <= limit && !isPlaceholder(entity.value));
}

const isPlaceholder = (value: string) => PLACEHOLDER_NAMES.has(value.trim().toLowerCase());

/** Builds, once per entity list (entities are built once at load), a map from each key of a name (`keysOf`) to the positions of the names holding it. */
function positionIndex(cache: WeakMap<readonly Entity[], Map<string, number[]>>, entities: readonly Entity[], keysOf: (entity: Entity) => Iterable<string>): Map<string, number[]> {
  let index = cache.get(entities);
  if (!index) {
    index = new Map();
    for (const [position, entity] of entities.entries()) {
      for (const key of keysOf(entity)) {
        const positions = index.get(key) ?? [];
        positions.push(position);
        index.set(key, positions);
      }
    }
    cache.set(entities, index);
  }
  return index;
}

/** An entity list's positions by the first term of each name. */
const byFirstTerm = new WeakMap<readonly Entity[], Map<string, number[]>>();
const firstTermIndex = (entities: readonly Entity[]) => positionIndex(byFirstTerm, entities, (entity) => [entity.terms[0]!]);

/**
 * The words of a text as written, lower-cased ("Kestrel's" gives "kestrel" and "s"), and the words
 * written in capitals (maybe with digits after: "MSA2") also as written, without a plural "s" ("SLAs"
 * gives "SLA"), for `findEntities`.
 */
export const writtenWords = (text: string): Set<string> =>
  new Set([...(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []), ...(text.match(/(?<![\p{L}\p{N}])\p{Lu}{2,}[\p{Lu}\p{N}]*(?=s?(?![\p{L}\p{N}]))/gu) ?? [])]);

/**
 * Whether a one-word document type or title ("terms", "glossary") is written in the question as the
 * documents write it: such a name is also a common noun, and another form of the word is the noun
 * ("the subscription term" is not the Terms of Service). A title's initials name it only written in
 * capitals ("the MSA", not "msa" or "Msa"). Names of several words, products and codes match on
 * their terms alone.
 */
function writtenAsNamed(entity: Entity, words: ReadonlySet<string> | undefined): boolean {
  if (!words) return true;
  if (entity.kind === "initials") return words.has(entity.value);
  return entity.terms.length > 1 || (entity.kind !== "doc_type" && entity.kind !== "title") || [...writtenWords(entity.value)].every((word) => words.has(word));
}

/**
 * Whether the question uses a name from a title as the common noun it also is: a name of several words
 * read from a title's capitals ("Sleeping Bags" in "Size Guide for Backpacks, Sleeping Bags, Pads and
 * Tents") that English has as one word (`isLemma`: WordNet's "sleeping bag"), written in the question
 * in lower case ("the return window for a sleeping bag I ordered"). Title case capitalises every noun
 * of a title; the asker means any sleeping bag, not the size guide. A product's own name ("Trail Merino
 * Crew Socks") is no English word, and a name the asker capitalises ("Sleeping Bags size chart") is
 * meant as written.
 */
export function writtenAsCommonNoun(entity: Entity, question: string, isLemma: (phrase: string) => boolean): boolean {
  if ((entity.kind !== "name" && entity.kind !== "title") || entity.terms.length < 2) return false;
  const words = entity.value.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 2 || !isLemma(words.join("_"))) return false;
  // The phrase as the question writes it: the same words, a plural or singular last word allowed; lower case throughout (a sentence's first capital aside).
  const stems = words.map((word) => word.replace(/(?:es|s)$/, ""));
  const pattern = new RegExp(`(^|[^\\p{L}])(${stems.map((stem) => `${stem}\\p{L}*`).join("\\s+")})(?![\\p{L}])`, "giu");
  const found = [...question.matchAll(pattern)];
  return found.length > 0 && found.every((match) => match[2] === match[2]!.toLowerCase() || (match.index === 0 && match[2]!.slice(1) === match[2]!.slice(1).toLowerCase()));
}

/**
 * Entities whose name appears in the question's content terms as consecutive terms, in list order
 * (a one-word document type or title also as written, when the question's `words` are given:
 * `writtenAsNamed`), then those named by part of their name (`partialNames`: "the Brushwood TC20").
 * Only names starting with one of the question's terms, or holding its model codes, can match (terms
 * hold no spaces), so those are the only ones tested: the cost follows the question, not the number
 * of documents.
 */
export function findEntities(questionTerms: readonly string[], entities: readonly Entity[], words?: ReadonlySet<string>): Entity[] {
  const joined = ` ${questionTerms.join(" ")} `;
  const index = firstTermIndex(entities);
  const candidates = [...new Set(questionTerms)].flatMap((term) => index.get(term) ?? []).sort((a, b) => a - b);
  const found = candidates.map((position) => entities[position]!).filter((entity) => joined.includes(` ${entity.terms.join(" ")} `) && writtenAsNamed(entity, words));
  return [...found, ...partialNames(questionTerms, entities, found)];
}

/** An entity list's positions by each code term of the names of products, titles and names (a term with letters and a digit: "tc20", "8x25"). */
const byCodeTerm = new WeakMap<readonly Entity[], Map<string, number[]>>();
const codeTermIndex = (entities: readonly Entity[]) =>
  positionIndex(byCodeTerm, entities, (entity) =>
    entity.kind === "product" || entity.kind === "title" || entity.kind === "name" ? [...new Set(entity.terms)].filter((term) => /\d/.test(term) && /\p{L}/u.test(term)) : [],
  );

/** Most records a partial name may name: more are a family of products, not the one asked about. */
const MAX_PARTIAL = 4;

/**
 * Products named by part of their name: a model code of letters and digits ("TC20") with the word
 * before or after it in the name ("the Brushwood TC20" for "Brushwood TC20 Trail Camera"), when at most
 * `MAX_PARTIAL` names hold that pair and no name was found whole.
 */
function partialNames(questionTerms: readonly string[], entities: readonly Entity[], found: readonly Entity[]): Entity[] {
  const index = codeTermIndex(entities);
  const matched = new Set<Entity>();
  questionTerms.forEach((term, at) => {
    const positions = index.get(term);
    if (!positions) return;
    const holders = positions.map((position) => entities[position]!).filter((entity) => {
      const place = entity.terms.indexOf(term);
      return (at > 0 && place > 0 && entity.terms[place - 1] === questionTerms[at - 1]) || (at + 1 < questionTerms.length && place + 1 < entity.terms.length && entity.terms[place + 1] === questionTerms[at + 1]);
    });
    if (holders.length > 0 && holders.length <= MAX_PARTIAL && !holders.some((entity) => found.includes(entity))) for (const entity of holders) matched.add(entity);
  });
  return [...matched];
}
