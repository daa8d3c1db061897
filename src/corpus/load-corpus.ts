import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { glob } from "tinyglobby";
import { CorpusError } from "../errors.js";
import { mapInWorkers, sliceRanges, taskModule } from "../workers/worker-pool.js";
import type { FileOutcome } from "./load-task.js";
import type { ResolvedCorpus } from "./manifest.js";
import type { LoaderInput, SourceDocument } from "./types.js";
import type { ProgressCallback } from "../progress.js";

/** A file (`path`) or one record of it (`path:line`) that could not be loaded, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface LoadedCorpus {
  corpus: ResolvedCorpus;
  documents: SourceDocument[];
  skipped: SkippedFile[];
  /** Records whose own id another document already used, and the id they got instead. */
  renamed: Array<{ path: string; from: string; to: string }>;
  /** sha256 over corpus.json and every included file's path and bytes: changes when anything indexed changes. */
  contentHash: string;
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Lists the files the manifest includes, sorted, relative to the corpus folder. */
export async function listCorpusFiles(corpus: ResolvedCorpus): Promise<string[]> {
  const files = await glob(corpus.manifest.include, {
    cwd: corpus.dir,
    ignore: [...corpus.manifest.exclude, "corpus.json"],
    onlyFiles: true,
  });
  return files.sort();
}

export interface CorpusFile {
  absolutePath: string;
  relativePath: string;
  content: Buffer;
  contentHash: string;
}

/** Reads every included file and the corpus content hash (corpus.json's indexing settings plus each file's path and bytes). */
export async function readCorpusFiles(corpus: ResolvedCorpus): Promise<{ files: CorpusFile[]; contentHash: string }> {
  const paths = await listCorpusFiles(corpus);
  if (paths.length === 0) {
    throw new CorpusError(`No files in ${corpus.dir} match ${JSON.stringify(corpus.manifest.include)} (corpus.json "include").`);
  }
  // Answer and retrieval settings (calibrated threshold, tuned weights) do not change what is indexed: they stay out of the hash.
  const { answer: _answer, retrieval: _retrieval, examples: _examples, $comment: _comment, ...indexed } = corpus.manifest;
  const hash = createHash("sha256").update(JSON.stringify(indexed));
  const files: CorpusFile[] = [];
  for (const relativePath of paths) {
    const absolutePath = path.join(corpus.dir, relativePath);
    const content = await readFile(absolutePath);
    const contentHash = sha256(content);
    hash.update(`\n${relativePath}\n${contentHash}`);
    files.push({ absolutePath, relativePath, content, contentHash });
  }
  return { files, contentHash: hash.digest("hex") };
}

/** Below this many bytes of files a corpus is loaded in one thread: starting worker threads would take longer than the loading. */
export const LOAD_IN_WORKERS_FROM_BYTES = 8 * 1024 * 1024;

/**
 * Loads every included file with the loader for its type. A file that cannot be parsed is reported in
 * `skipped` (as its path), and so is a bad record of a multi-record file (as `path:line`); the rest still loads.
 * Duplicate document ids are an error because citations would be ambiguous, except for a record whose
 * own id is taken: it gets its file-prefixed id instead, and `renamed` says so. A large corpus (from
 * `fromBytes`) is parsed on `workers` threads, slices of the files each, with the same result.
 */
export async function loadCorpus(corpus: ResolvedCorpus, options: { onProgress?: ProgressCallback; workers?: number; fromBytes?: number } = {}): Promise<LoadedCorpus> {
  const { files, contentHash } = await readCorpusFiles(corpus);
  const bytes = files.reduce((sum, file) => sum + file.content.length, 0);
  const workers = bytes >= (options.fromBytes ?? LOAD_IN_WORKERS_FROM_BYTES) ? (options.workers ?? 1) : 1;
  const settings = { csv: corpus.manifest.csv, jsonl: corpus.manifest.jsonl };
  // In one thread, file by file (progress per file); on workers, a few slices of files per worker.
  const ranges = workers > 1 ? sliceRanges(files.length, workers, 1) : files.map((_, index): [number, number] => [index, index + 1]);
  let done = 0;
  const outcomes = await mapInWorkers<undefined, LoaderInput[], FileOutcome[]>(
    { task: taskModule("./load-task", import.meta.url), workers, shared: undefined },
    ranges.map(([start, end]) => files.slice(start, end).map((file) => ({ ...file, settings }))),
    { onOutput: (_, slice) => options.onProgress?.("load", (done += slice.length), files.length) },
  );
  const documents: SourceDocument[] = [];
  const skipped: SkippedFile[] = [];
  outcomes.flat().forEach((outcome, index) => {
    const file = files[index]!;
    if ("skipped" in outcome) {
      skipped.push({ path: file.relativePath, reason: outcome.skipped });
      return;
    }
    documents.push(...outcome.result.documents);
    for (const problem of outcome.result.problems) skipped.push({ path: `${file.relativePath}:${problem.line}`, reason: problem.reason });
  });
  const seen = new Map<string, string>();
  const renamed: LoadedCorpus["renamed"] = [];
  for (const document of documents) {
    const previous = seen.get(document.id);
    if (previous && document.fallbackId && !seen.has(document.fallbackId)) {
      renamed.push({ path: document.sourcePath, from: document.id, to: document.fallbackId });
      document.id = document.fallbackId;
    } else if (previous) {
      throw new CorpusError(`Document id "${document.id}" is used by both ${previous} and ${document.sourcePath}; ids must be unique.`);
    }
    seen.set(document.id, document.sourcePath);
  }
  return { corpus, documents, skipped, renamed, contentHash };
}
