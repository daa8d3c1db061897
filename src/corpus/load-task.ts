import path from "node:path";
import { AppError } from "../errors.js";
import { loaderFor } from "./loaders/registry.js";
import type { LoaderInput, LoadResult } from "./types.js";

/** What became of one file: what its loader gave, no loader for it, or why it could not be read. */
export type FileOutcome = { result: LoadResult } | { skipped: string };

/** Worker task (WorkerPool): loads a slice of the corpus's files with the loader of each, in order. */
export async function run(files: LoaderInput[]): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const sent of files) {
    // A Buffer arrives in a worker thread as a plain Uint8Array; loaders read it as a Buffer.
    const file = { ...sent, content: Buffer.from(sent.content.buffer, sent.content.byteOffset, sent.content.byteLength) };
    const loader = loaderFor(file.relativePath);
    if (!loader) {
      outcomes.push({ skipped: `no loader for ${path.extname(file.relativePath) || "files without extension"}` });
      continue;
    }
    try {
      outcomes.push({ result: await loader.load(file) });
    } catch (error) {
      outcomes.push({ skipped: error instanceof AppError ? error.message : String(error) });
    }
  }
  return outcomes;
}
