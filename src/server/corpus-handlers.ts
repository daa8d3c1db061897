import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { bestSnippet } from "../answer/passages.js";
import type { RagContext } from "../context.js";
import { DocumentCatalog } from "./document-catalog.js";
import { HttpError, validationError } from "./http-errors.js";
import { type ServiceMetrics, observeStages } from "./metrics.js";
import { requestScope } from "./request-scope.js";
import type { CorpusResponse, RequestSchemas, SearchResponse } from "./schemas.js";
import type { ServiceState } from "./service-state.js";

export interface CorpusHandlerDeps {
  state: ServiceState;
  schemas: RequestSchemas;
  metrics: ServiceMetrics;
  requestTimeoutMs: number;
  /** Where a search that went on without a part (the dense side) is logged for the operator. */
  logger?: Logger;
}

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places;

/** POST /v1/search: retrieval only, each chunk with its score and the passage that best matches the query. */
export function searchHandler(deps: CorpusHandlerDeps): RequestHandler {
  return async (request: Request, response: Response) => {
    const parsed = deps.schemas.search.safeParse(request.body);
    if (!parsed.success) throw validationError(parsed.error);
    const context = deps.state.require();
    const { query, topK, filters } = parsed.data;
    const scope = requestScope(response, deps.requestTimeoutMs, deps.state.stopSignal);
    try {
      const started = performance.now();
      const { chunks, warnings } = await scope.run(context.retriever.search(query, { topK, filters }));
      const retrieveMs = performance.now() - started;
      observeStages(deps.metrics, { retrieveMs });
      if (warnings.length > 0) deps.logger?.warn({ requestId: response.getHeader("x-request-id"), path: request.path, warnings }, "retrieval went on without a part (see warnings)");
      const body: SearchResponse = {
        query,
        results: chunks.map((chunk) => ({
          rank: chunk.rank,
          docId: chunk.docId,
          title: chunk.title,
          section: chunk.section,
          headingPath: chunk.headingPath,
          chunkId: chunk.id,
          score: round(chunk.score, 4),
          snippet: bestSnippet(chunk, query, context.statistics, context.config.scoring.passages),
        })),
        timings: { retrieveMs: round(retrieveMs, 2) },
        warnings,
      };
      response.json(body);
    } finally {
      scope.dispose();
    }
  };
}

function corpusBody(context: RagContext): CorpusResponse {
  const { manifest } = context.corpus;
  // The absolute folder of the corpus on the server is nobody else's business.
  const { dir: _dir, ...corpus } = context.manifest.corpus;
  return {
    name: manifest.name,
    domain: manifest.domain,
    description: manifest.description,
    examples: manifest.examples,
    documents: context.manifest.counts.documents,
    chunks: context.manifest.counts.chunks,
    manifest: { ...context.manifest, corpus },
  };
}

/** GET /v1/corpus. */
export function corpusHandler(deps: Pick<CorpusHandlerDeps, "state">): RequestHandler {
  let cached: { context: RagContext; body: CorpusResponse } | undefined;
  return (_request, response) => {
    const context = deps.state.require();
    if (cached?.context !== context) cached = { context, body: corpusBody(context) };
    response.json(cached.body);
  };
}

/** GET /v1/documents/*id: ids may contain "/", so the route takes the rest of the path. */
export function documentHandler(deps: Pick<CorpusHandlerDeps, "state">): RequestHandler {
  let catalog: { context: RagContext; documents: DocumentCatalog } | undefined;
  return (request, response) => {
    const context = deps.state.require();
    if (catalog?.context !== context) catalog = { context, documents: new DocumentCatalog(context) };
    const raw = request.params.id as unknown;
    const id = Array.isArray(raw) ? raw.join("/") : String(raw);
    const document = catalog.documents.get(id);
    if (!document) throw new HttpError(404, "document_not_found", `No document with id "${id}" in corpus "${context.corpus.manifest.name}".`);
    response.json(document);
  };
}
