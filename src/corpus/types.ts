import type { CorpusManifest } from "./manifest.js";

/** A metadata value carried from a document's front matter (or manifest) to every chunk. */
export type MetadataValue = string | number | boolean | string[];

/** One loaded source document, before chunking. */
export interface SourceDocument {
  /**
   * Stable id: from front matter, a record's own id (CSV id column, JSONL id field) exactly as written,
   * or derived from the file path (plus page, row or line number).
   */
  id: string;
  /** For a record with its own id: the id it takes instead when another document already uses that id (`<file id>/<key>`). */
  fallbackId?: string;
  title: string;
  /** Body text; Markdown for the markdown, PDF, DOCX and HTML loaders, plain text otherwise. */
  text: string;
  format: "markdown" | "text";
  /** Path relative to the corpus folder. */
  sourcePath: string;
  /** sha256 of the file's bytes, so a changed document can be detected. */
  contentHash: string;
  metadata: Record<string, MetadataValue>;
}

/** The manifest settings that loaders read (per-format options such as CSV columns). */
export type LoaderSettings = Pick<CorpusManifest, "csv" | "jsonl">;

/** What a loader receives: one file of the corpus, and the corpus's format settings. */
export interface LoaderInput {
  absolutePath: string;
  relativePath: string;
  content: Buffer;
  contentHash: string;
  settings: LoaderSettings;
}

/** A part of a file that could not be loaded while the rest of the file was (a bad CSV row or JSONL line). */
export interface LoadProblem {
  /** 1-based line number in the file where the bad record starts. */
  line: number;
  reason: string;
}

export interface LoadResult {
  documents: SourceDocument[];
  problems: LoadProblem[];
}

/**
 * Turns one file into one or more source documents. One implementation per file format.
 * A file that cannot be read at all makes `load` throw a CorpusError; bad records inside a
 * readable file are returned as `problems` next to the documents that did load.
 */
export interface DocumentLoader {
  readonly format: SourceDocument["format"];
  readonly extensions: readonly string[];
  load(input: LoaderInput): Promise<LoadResult>;
}
