import path from "node:path";

/** Where a corpus's index lives: `<dataDir>/indexes/<corpus>/current` points at one complete build. */
export function indexRoot(dataDir: string, corpusName: string): string {
  return path.join(dataDir, "indexes", corpusName);
}

export function currentLink(root: string): string {
  return path.join(root, "current");
}

export function versionsDir(root: string): string {
  return path.join(root, "versions");
}

export const MANIFEST_FILE = "manifest.json";

/** Raw vectors of a build, in chunk order (read by the next incremental build, not by search). */
export const VECTORS_FILE = "vectors.f32";
/** Chunk ids of a build, in the order of `VECTORS_FILE`. */
export const CHUNK_IDS_FILE = "chunk-ids.json";

/** The per-corpus ingest lock of the embedded backend: `<dataDir>/indexes/<corpus>/ingest.lock`. */
export function lockFile(root: string): string {
  return path.join(root, "ingest.lock");
}

/** A build in progress writes into `versions/.staging-<buildId>` and renames it to `versions/<buildId>` when complete. */
export const STAGING_PREFIX = ".staging-";
/** The link swap writes `current.next-<pid>-<random>` and renames it over `current`. */
export const NEXT_LINK_PREFIX = "current.next-";
