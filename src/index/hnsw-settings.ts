import type { ScoringSettings } from "../config/scoring.js";

/** The HNSW graph's build settings. */
export interface HnswSettings {
  m: number;
  efConstruction: number;
}

/** Build settings as given to a build: fixed, or chosen once the number of chunks is known. */
export type HnswChoice = HnswSettings | ((chunks: number) => HnswSettings);

export function hnswFor(choice: HnswChoice, chunks: number): HnswSettings {
  return typeof choice === "function" ? choice(chunks) : choice;
}

/**
 * M and efConstruction for a corpus of `chunks` chunks: HNSW_M / HNSW_EF_CONSTRUCTION where set,
 * otherwise the last tier of `ScoringSettings.hnsw.bySize` the corpus reaches (a larger graph needs
 * more links per node to keep its recall).
 */
export function hnswBySize(configured: { m?: number; efConstruction?: number }, settings: ScoringSettings["hnsw"]): (chunks: number) => HnswSettings {
  return (chunks) => {
    const tier = settings.bySize.filter((entry) => chunks >= entry.fromChunks).at(-1) ?? settings.bySize[0]!;
    return { m: configured.m ?? tier.m, efConstruction: configured.efConstruction ?? tier.efConstruction };
  };
}
