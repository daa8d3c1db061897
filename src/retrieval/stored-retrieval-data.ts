import type { Chunk } from "../chunking/types.js";
import { contextualText } from "../chunking/types.js";
import type { ScoringSettings } from "../config/scoring.js";
import type { DerivedFile } from "../index/prepare-build.js";
import type { SearchBackend } from "../index/search-backend.js";
import { DocumentProfiles } from "./asked-attribute.js";
import { ChunkFeatureTable } from "./chunk-features.js";
import { decodeChunkedJson, encodeChunkedJson } from "../text/chunked-json.js";
import { PackedStringSet } from "../text/packed-strings.js";
import type { ValueKind } from "../text/values.js";
import { sliceRanges, taskModule, WorkerPool } from "../workers/worker-pool.js";
import { buildChunkWords, type ChunkWords, type CorpusVocabulary, orderedChunkWords, vocabularyFrom } from "./corpus-vocabulary.js";
import type { DerivedChunk, DerivedPart } from "./derived-task.js";
import type { NameIndex } from "./names.js";
import { type StoredTermStatistics, TermStatistics } from "./term-statistics.js";
import { ContextPairs, mergeTypoParts, typoVocabularyFrom } from "./typo-correction.js";

/** The corpus's words (typo vocabulary, name index) and term statistics, as JSON. */
export const VOCABULARY_FILE = "vocabulary.json";
/** Every chunk's reranking features (`ChunkFeatureTable.encode`). */
export const FEATURES_FILE = "chunk-features.bin";

/** Bumped when the stored vocabulary's shape or meaning changes: a build with another format has it built at load. */
export const VOCABULARY_FORMAT = 3;

/**
 * Sets and maps as arrays in their insertion order, which the lookups' tie-breaking depends on; the
 * name index's pairs (sorted) and each profile's terms (in term-id order) only answer membership, so
 * their order is free.
 */
interface StoredVocabulary {
  format: number;
  /** Per document: its content terms, the kinds of values it states, what it covers. */
  profiles: Array<[string, { terms: string[]; kinds: ValueKind[]; covers: string[] }]>;
  tokenFrequency: Array<[string, number]>;
  /** Hyphenated compounds by joined spelling, with frequency; context pairs as base64 little-endian uint32 hashes. */
  typos: { compounds: Array<[string, string, number]>; context: string };
  names: {
    terms: string[];
    pairs: string[];
    periods: string[];
    unitNumbers: Array<[string, number[]]>;
    spellings: Array<[string, Array<[string, string]>]>;
    /** null: a number-unit stated too widely to scope a question. */
    unitTerms: Array<[string, string[] | null]>;
    codes: Array<[string, Array<[string, string]>]>;
  };
  statistics: StoredTermStatistics;
}

/** What retrieval reads of the corpus besides the index: built from every chunk, so built once at ingest. */
export interface RetrievalData {
  vocabulary: CorpusVocabulary;
  statistics: TermStatistics;
  features: ChunkFeatureTable;
  /** Which of the files were missing (a build made before they were stored) and were computed at load instead. */
  computedAtLoad: string[];
}

export function termStatisticsOf(chunks: readonly Chunk[]): TermStatistics {
  return new TermStatistics(chunks.map(contextualText));
}

function encodeVocabulary(words: ChunkWords, statistics: TermStatistics): Buffer {
  const { names } = words;
  const stored: StoredVocabulary = {
    format: VOCABULARY_FORMAT,
    profiles: [...words.profiles.entries()],
    tokenFrequency: [...words.typos.tokenFrequency],
    typos: {
      compounds: [...words.typos.compounds].map(([joined, [compound, frequency]]) => [joined, compound, frequency]),
      context: words.typos.context.encode(),
    },
    names: {
      terms: [...names.terms],
      pairs: [...names.pairs],
      periods: [...names.periods],
      unitNumbers: [...names.unitNumbers].map(([key, numbers]) => [key, [...numbers]]),
      spellings: [...names.spellings].map(([term, spellings]) => [term, [...spellings]]),
      unitTerms: [...names.unitTerms].map(([key, terms]) => [key, terms ? [...terms] : null]),
      codes: [...names.codes].map(([name, codes]) => [name, [...codes]]),
    },
    statistics: statistics.toStored(),
  };
  return encodeChunkedJson(stored);
}

function decodeVocabulary(bytes: Uint8Array): { words: ChunkWords; statistics: TermStatistics } | undefined {
  const stored = decodeChunkedJson(bytes) as StoredVocabulary;
  if (stored.format !== VOCABULARY_FORMAT) return undefined;
  const { names } = stored;
  const nameIndex: NameIndex = {
    terms: new Set(names.terms),
    pairs: PackedStringSet.from(names.pairs),
    periods: new Set(names.periods),
    unitNumbers: new Map(names.unitNumbers.map(([key, numbers]) => [key, new Set(numbers)])),
    spellings: new Map(names.spellings.map(([term, spellings]) => [term, new Map(spellings)])),
    unitTerms: new Map(names.unitTerms.map(([key, terms]) => [key, terms ? new Set(terms) : undefined])),
    codes: new Map(names.codes.map(([name, codes]) => [name, new Map(codes)])),
  };
  return {
    words: {
      typos: typoVocabularyFrom(new Map(stored.tokenFrequency), stored.typos.compounds, ContextPairs.decode(stored.typos.context)),
      names: nameIndex,
      profiles: DocumentProfiles.from(stored.profiles),
    },
    statistics: TermStatistics.fromStored(stored.statistics),
  };
}

/**
 * The files ingest stores with a build for retrieval (passed to the index build as `derived`): the
 * vocabulary and term statistics, and every chunk's reranking features. Serving reads them instead of
 * going through every chunk's text at load.
 */
export async function retrievalFiles(chunks: readonly Chunk[], options: { workers: number }): Promise<DerivedFile[]> {
  // The typo vocabulary, term statistics and features are built on slices in worker threads and merged
  // in order (the same as built at once); every slice is sent at once, as this thread is busy meanwhile.
  // In one thread, one slice: parts held side by side would only add memory.
  const ranges: Array<[number, number]> = options.workers > 1 ? sliceRanges(chunks.length, options.workers) : [[0, chunks.length]];
  const pool = await WorkerPool.start<undefined, DerivedChunk[], DerivedPart>({ task: taskModule("./derived-task", import.meta.url), workers: Math.min(options.workers, ranges.length), shared: undefined });
  try {
    const slices = ranges.map(([start, end]) => chunks.slice(start, end).map((chunk): DerivedChunk => ({ text: chunk.text, headingPath: chunk.headingPath })));
    const parts = pool.map(slices, { queued: Infinity });
    // Meanwhile, the names and document profiles, which depend on all that came before (caps, first spellings).
    let words: ChunkWords | undefined = { typos: undefined!, ...orderedChunkWords(chunks) };
    const merged = await parts;
    // Each kind of part is let go once merged, and the vocabulary once encoded, before the features are merged.
    words.typos = mergeTypoParts(merged.map((part) => part.typos));
    const statistics = TermStatistics.merge(merged.map((part) => part.statistics));
    const features = merged.map((part) => part.features);
    merged.length = 0;
    const vocabulary = encodeVocabulary(words, statistics);
    words = undefined;
    const table = ChunkFeatureTable.merge(features);
    features.length = 0;
    return [
      { name: VOCABULARY_FILE, data: vocabulary },
      { name: FEATURES_FILE, data: table.encode() },
    ];
  } finally {
    await pool.close();
  }
}

/**
 * Reads the vocabulary, term statistics and chunk features stored with the loaded build; a build made
 * before they were stored (or with another format of them) has them computed from the chunks here,
 * as every load did before: it serves the same, only its load is slower.
 */
export async function loadRetrievalData(backend: SearchBackend, scoring: ScoringSettings): Promise<RetrievalData> {
  const computedAtLoad: string[] = [];
  const vocabularyFile = await backend.derivedFile(VOCABULARY_FILE);
  let stored = vocabularyFile ? decodeVocabulary(vocabularyFile) : undefined;
  if (!stored) {
    computedAtLoad.push(VOCABULARY_FILE);
    stored = { words: buildChunkWords(backend.chunks), statistics: termStatisticsOf(backend.chunks) };
  }
  const featuresFile = await backend.derivedFile(FEATURES_FILE);
  let features = featuresFile ? ChunkFeatureTable.decode(featuresFile) : undefined;
  if (features && features.count !== backend.chunks.length) features = undefined;
  if (!features) {
    computedAtLoad.push(FEATURES_FILE);
    features = ChunkFeatureTable.build(backend.chunks);
  }
  return { vocabulary: vocabularyFrom(backend.manifest, stored.words, scoring, backend.chunks), statistics: stored.statistics, features, computedAtLoad };
}
