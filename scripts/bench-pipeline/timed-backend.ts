import type { Embeddings } from "@langchain/core/embeddings";
import type { SearchBackend } from "../../src/index/search-backend.js";

/** Milliseconds spent in each backend call since the last `reset()`. */
export interface BackendTimers {
  embed: number;
  dense: number;
  sparse: number;
  lexicalSupport: number;
  reset(): void;
}

/**
 * The same backend with a stopwatch around each call (query embedding, dense, sparse, lexical support):
 * results pass through untouched, so a retriever built over it ranks exactly as the served one does
 * (the benchmark checks that on every question).
 */
export function timedBackend(backend: SearchBackend): { backend: SearchBackend; timers: BackendTimers } {
  const timers: BackendTimers = {
    embed: 0,
    dense: 0,
    sparse: 0,
    lexicalSupport: 0,
    reset() {
      this.embed = this.dense = this.sparse = this.lexicalSupport = 0;
    },
  };
  // The embedded backend works synchronously inside its async methods, and hybrid search starts dense
  // and sparse together: waiting for a promise would also count the other side's work (and any GC in
  // between). So there the time until the call returns is counted; a database backend's is the wait.
  const synchronous = backend.kind === "hnsw";
  const timed = async <T>(add: (ms: number) => void, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const pending = run();
    if (synchronous) add(performance.now() - started);
    try {
      return await pending;
    } finally {
      if (!synchronous) add(performance.now() - started);
    }
  };
  // Every other method of the embedder stays the original's (prototype chain).
  const embeddings = Object.create(backend.embeddings) as Embeddings;
  embeddings.embedQuery = (text) => timed((ms) => (timers.embed += ms), () => backend.embeddings.embedQuery(text));
  return {
    timers,
    backend: {
      kind: backend.kind,
      manifest: backend.manifest,
      chunks: backend.chunks,
      embeddings,
      derivedFile: (name) => backend.derivedFile(name),
      close: () => backend.close(),
      dense: (vector, k, filters) => timed((ms) => (timers.dense += ms), () => backend.dense(vector, k, filters)),
      sparse: async (query, k, filters) => {
        const matches = await timed((ms) => (timers.sparse += ms), () => backend.sparse(query, k, filters));
        return { hits: matches.hits, lexicalSupport: () => timed((ms) => (timers.lexicalSupport += ms), () => matches.lexicalSupport()) };
      },
    },
  };
}
