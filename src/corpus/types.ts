/** A metadata value carried from a document's front matter (or manifest) to every chunk. */
export type MetadataValue = string | number | boolean | string[];

/** One loaded source document, before chunking. */
export interface SourceDocument {
  /** Stable id: from front matter, or derived from the file path. */
  id: string;
  title: string;
  /** Body text; Markdown for the markdown loader, plain text otherwise. */
  text: string;
  format: "markdown" | "text";
  /** Path relative to the corpus folder. */
  sourcePath: string;
  /** sha256 of the file's bytes, so a changed document can be detected. */
  contentHash: string;
  metadata: Record<string, MetadataValue>;
}

/** What a loader receives: one file of the corpus. */
export interface LoaderInput {
  absolutePath: string;
  relativePath: string;
  content: Buffer;
  contentHash: string;
}

/** Turns one file into one or more source documents. One implementation per file format. */
export interface DocumentLoader {
  readonly format: SourceDocument["format"];
  readonly extensions: readonly string[];
  load(input: LoaderInput): Promise<SourceDocument[]>;
}
