import type { Chunk } from "../chunking/types.js";
import type { ScoringSettings } from "../config/scoring.js";
import type { IndexManifest } from "../index/index-manifest.js";
import { buildDocumentProfiles, type DocumentProfiles } from "./asked-attribute.js";
import { buildVersions, documentYears, type VersionInfo } from "./document-versions.js";
import { buildEntities, type Entity } from "./entities.js";
import { buildNameIndex, type NameIndex } from "./names.js";
import { buildTypoVocabulary, type TypoVocabulary } from "./typo-correction.js";
import { definedShortNames } from "../text/defined-names.js";

/** What retrieval knows about the corpus's words and documents: spellings, names and versions. */
export interface CorpusVocabulary {
  typos: TypoVocabulary;
  entities: Entity[];
  /** The terms of the entities' names. */
  entityTerms: Set<string>;
  versions: Map<string, VersionInfo>;
  /** The years each document is about (title, file name, date metadata). */
  years: Map<string, Set<string>>;
  /** The names, word pairs, periods and numbered variants the documents use (for questions about things they do not have). */
  names: NameIndex;
  /** What each document holds (terms, kinds of values, what it covers), for questions that ask a named document for something it does not carry. */
  profiles: DocumentProfiles;
  /** Documents that are one of several from the same file: a catalog's records, a report's pages. */
  records: Set<string>;
}

/** The part of the vocabulary read from every chunk's text (the costly part: built at ingest and stored with the build). */
export type ChunkWords = Pick<CorpusVocabulary, "typos" | "names" | "profiles">;

export function buildChunkWords(chunks: readonly Chunk[]): ChunkWords {
  return { typos: buildTypoVocabulary(chunks.map(typoText)), ...orderedChunkWords(chunks) };
}

/** The text of a chunk the typo vocabulary reads: heading path and text. */
export function typoText(chunk: Pick<Chunk, "text" | "headingPath">): string {
  return `${chunk.headingPath.join(" ")} ${chunk.text}`;
}

/** The names and document profiles: built from all chunks in order, in one thread (caps and first-seen spellings depend on what came before). */
export function orderedChunkWords(chunks: readonly Chunk[]): Pick<ChunkWords, "names" | "profiles"> {
  return {
    names: buildNameIndex(chunks.map((chunk) => ({ text: `${chunk.headingPath.join(". ")}. ${chunk.text}`, document: chunk.docId }))),
    profiles: buildDocumentProfiles(chunks),
  };
}

/**
 * The short names each document defines for itself in its first chunk ("This Mutual Non-Disclosure
 * Agreement (the "NDA") ..."), by document id: only the first chunks' text is read, so it is cheap at load.
 */
export function documentDefinedNames(chunks: readonly Chunk[]): Map<string, string[]> {
  const names = new Map<string, string[]>();
  for (const chunk of chunks) {
    if (chunk.ordinal !== 0) continue;
    const defined = definedShortNames(chunk.text, chunk.title);
    if (defined.length > 0) names.set(chunk.docId, defined);
  }
  return names;
}

/** The vocabulary from the chunks' words, the index manifest (document metadata: entities, versions, years) and the documents' first chunks (their defined short names). */
export function vocabularyFrom(manifest: IndexManifest, words: ChunkWords, scoring: ScoringSettings, chunks: readonly Chunk[]): CorpusVocabulary {
  // A title's initials name its document when the documents' text uses them ("Section 5.3 of the MSA"); so does a short name it defines for itself.
  const entities = buildEntities(manifest.documents, scoring.entities, (term) => words.names.terms.has(term), documentDefinedNames(chunks));
  return {
    ...words,
    entities,
    entityTerms: new Set(entities.flatMap((entity) => entity.terms)),
    versions: buildVersions(manifest.documents),
    years: documentYears(manifest.documents),
    records: recordDocuments(manifest.documents),
  };
}

/** The documents whose file holds other documents too (a catalog's records, a PDF's pages). */
export function recordDocuments(documents: IndexManifest["documents"]): Set<string> {
  const perFile = new Map<string, number>();
  for (const document of documents) perFile.set(document.sourcePath, (perFile.get(document.sourcePath) ?? 0) + 1);
  return new Set(documents.filter((document) => perFile.get(document.sourcePath)! > 1).map((document) => document.id));
}

/** Builds the vocabulary from the index manifest (document metadata) and the indexed chunks (heading path and text). */
export function buildCorpusVocabulary(manifest: IndexManifest, chunks: readonly Chunk[], scoring: ScoringSettings): CorpusVocabulary {
  return vocabularyFrom(manifest, buildChunkWords(chunks), scoring, chunks);
}
