import type pg from "pg";
import type { Config } from "../config/config.js";
import { AppError, IndexCorruptError } from "../errors.js";
import type { LoadedCorpus } from "../corpus/load-corpus.js";
import type { EmbedderProvider } from "../embeddings/embedder-provider.js";
import { type BuildResult, buildIndex } from "./build-index.js";
import { hnswBackend } from "./hnsw-backend.js";
import type { IndexExpectations, IndexManifest } from "./index-manifest.js";
import { type LockHolder, withIndexLock } from "./index-lock.js";
import { indexRoot } from "./index-paths.js";
import { loadIndex, readCurrentManifest } from "./load-index.js";
import { buildPgIndex } from "./pgvector/build-pg-index.js";
import { checkDatabase, createPool } from "./pgvector/pg-pool.js";
import { readCurrentBuild, readCurrentBuildId } from "./pgvector/pg-schema.js";
import { loadPgIndex } from "./pgvector/pgvector-backend.js";
import type { PrepareOptions } from "./prepare-build.js";
import type { SearchBackend } from "./search-backend.js";

/** Where builds of an index are written and read: a folder under DATA_DIR, or a PostgreSQL database. */
export interface IndexStore {
  readonly kind: SearchBackend["kind"];
  /** The manifest of the current build of a corpus, or undefined when none exists. */
  currentManifest(corpusName: string): Promise<IndexManifest | undefined>;
  /** The id of the current build of a corpus (a cheap read of the pointer where the store has one), or undefined. */
  currentBuildId(corpusName: string): Promise<string | undefined>;
  /** Builds (incrementally over the current build) and makes the new build current atomically; one build per corpus at a time. */
  build(loaded: LoadedCorpus, options: StoreBuildOptions): Promise<BuildResult>;
  /** Loads the current build for search; a missing or stale one is an error naming `fixCommand`. */
  load(options: { provider: EmbedderProvider; expected: IndexExpectations; fixCommand: string }): Promise<SearchBackend>;
  /** Releases connections (a no-op for the embedded store). */
  close(): Promise<void>;
}

export interface StoreBuildOptions extends PrepareOptions {
  /** How long an ingest waits for another one of the same corpus to finish (embedded store), in ms. */
  lockWaitMs?: number;
}

/** An ingest waits this long for another ingest of the same corpus before giving up. */
export const DEFAULT_LOCK_WAIT_MS = 300_000;

/** The embedded store: version folders under DATA_DIR, HNSW graph + BM25 in memory. */
function folderStore(config: Config): IndexStore {
  return {
    kind: "hnsw",
    currentManifest: async (corpusName) => (await readCurrentManifest(config.dataDir, corpusName))?.manifest,
    currentBuildId: async (corpusName) => (await readCurrentManifest(config.dataDir, corpusName))?.manifest.buildId,
    async build(loaded, options) {
      const corpusName = loaded.corpus.manifest.name;
      const lock = {
        waitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
        onWait: (holder: LockHolder, file: string) =>
          options.onStage?.("lock", `waiting for pid ${holder.pid} (started ${holder.startedAt}) to release ${file}`),
        onTakeOver: (holder: LockHolder | undefined, file: string) =>
          options.onStage?.("lock", `took over ${file}${holder ? ` from pid ${holder.pid}, which no longer runs` : ", which was unreadable"}`),
      };
      return withIndexLock(indexRoot(config.dataDir, corpusName), lock, async () => {
        // The current build is read under the lock, so it is the one this build replaces. An index from an
        // older version of this project, or a damaged one, cannot be reused: the build starts afresh and says why.
        let previousProblem: string | undefined;
        const previous = await readCurrentManifest(config.dataDir, corpusName).catch((error: unknown) => {
          if (!(error instanceof AppError)) throw error;
          previousProblem = error instanceof IndexCorruptError ? `${error.file} ${error.problem}` : error.message;
          return undefined;
        });
        const efSearch = { floor: config.index.efSearch, recallTarget: config.index.recallTarget };
        return buildIndex(loaded, { ...options, efSearch, previousProblem, dataDir: config.dataDir, previous });
      });
    },
    load: async (options) => hnswBackend(await loadIndex({ ...options, dataDir: config.dataDir, efSearch: config.index.efSearch }), config.scoring),
    close: async () => undefined,
  };
}

/** The PostgreSQL store: pgvector + full-text search, versioned tables; one pool, opened on first use. */
function postgresStore(config: Config, url: string): IndexStore {
  const settings = { ...config.postgres, url, efSearch: config.index.efSearch };
  let opened: Promise<pg.Pool> | undefined;
  const pool = () => {
    opened ??= (async () => {
      const created = createPool(settings);
      try {
        await checkDatabase(created, settings);
      } catch (error) {
        await created.end().catch(() => undefined);
        opened = undefined;
        throw error;
      }
      return created;
    })();
    return opened;
  };
  return {
    kind: "pgvector",
    currentManifest: async (corpusName) => (await readCurrentBuild(await pool(), corpusName))?.manifest,
    currentBuildId: async (corpusName) => readCurrentBuildId(await pool(), corpusName),
    // Builds write through a pool of one connection (one transaction), with no statement timeout:
    // creating the HNSW index of a large table takes longer than a query should.
    build: async (loaded, options) => buildPgIndex(await pool(), () => createPool({ ...settings, poolMax: 1, statementTimeoutMs: 0 }, { keepIdle: true }), loaded, options),
    load: async (options) => loadPgIndex(await pool(), { ...options, scoring: config.scoring }),
    async close() {
      const current = opened;
      opened = undefined;
      if (current) await (await current.catch(() => undefined))?.end();
    },
  };
}

/** The one place where the index backend is chosen (INDEX_BACKEND). */
export function createIndexStore(config: Config): IndexStore {
  if (config.index.backend === "pgvector") return postgresStore(config, config.postgres.url ?? "");
  return folderStore(config);
}
