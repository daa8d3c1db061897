import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { IndexCorruptError } from "../errors.js";
import type { IndexManifest } from "./index-manifest.js";
import { CHUNK_IDS_FILE, MANIFEST_FILE, VECTORS_FILE } from "./index-paths.js";

/** A file of a version folder as the manifest records it. */
export type BuildFile = NonNullable<IndexManifest["files"]>[number];

/** Files only the next incremental build reads; search does not need them, so loading does not check them. */
export const REUSE_FILES: ReadonlySet<string> = new Set([VECTORS_FILE, CHUNK_IDS_FILE]);

/** The error for a damaged index file, worded the same everywhere: what is wrong, and the command that fixes it. */
export function corruptIndexError(file: string, problem: string, fixCommand: string, cause?: unknown): IndexCorruptError {
  return new IndexCorruptError(`The index is damaged: ${file} ${problem}. Rebuild it with: ${fixCommand}`, { file, problem, cause });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Flushes a file or folder to disk, so a completed build survives a power cut (a no-op where folders cannot be synced). */
export async function syncToDisk(target: string): Promise<void> {
  const handle = await open(target, "r");
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/** Flushes every file of a folder to disk and records its size and SHA-256, for the manifest. */
export async function describeFiles(directory: string): Promise<BuildFile[]> {
  const names = (await readdir(directory)).filter((name) => name !== MANIFEST_FILE).sort();
  const files: BuildFile[] = [];
  for (const name of names) {
    const file = path.join(directory, name);
    await syncToDisk(file);
    files.push({ name, bytes: (await stat(file)).size, sha256: await sha256(file) });
  }
  return files;
}

/**
 * Checks the files of a version folder against the sizes and SHA-256 sums in its manifest (sizes of
 * all first, as that is cheap and catches truncation); throws an IndexCorruptError naming the first
 * damaged file and `fixCommand`.
 */
export async function verifyFiles(directory: string, manifest: IndexManifest, options: { fixCommand: string; skip?: ReadonlySet<string> }): Promise<void> {
  if (!manifest.files) throw corruptIndexError(path.join(directory, MANIFEST_FILE), "lists no files to verify", options.fixCommand);
  const files = manifest.files.filter((file) => !options.skip?.has(file.name));
  for (const file of files) {
    const location = path.join(directory, file.name);
    const info = await stat(location).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw corruptIndexError(location, "is missing", options.fixCommand, error);
      throw error;
    });
    if (!info.isFile()) throw corruptIndexError(location, "is not a file", options.fixCommand);
    if (info.size !== file.bytes) {
      throw corruptIndexError(location, `is ${info.size} bytes, the manifest says ${file.bytes} (truncated or overwritten)`, options.fixCommand);
    }
  }
  for (const file of files) {
    const location = path.join(directory, file.name);
    if ((await sha256(location)) !== file.sha256) {
      throw corruptIndexError(location, "does not match the SHA-256 checksum in the manifest (changed since it was built)", options.fixCommand);
    }
  }
}
