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
