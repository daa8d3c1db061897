import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { AskInput, AskResult } from "../answer/qa-chain.js";
import type { Citation } from "../answer/types.js";
import { openEventStream } from "./event-stream.js";
import { ClientClosedError, logError, mapError, validationError } from "./http-errors.js";
import { type ServiceMetrics, observeStages } from "./metrics.js";
import type { Redactor } from "./redact-secrets.js";
import { requestScope } from "./request-scope.js";
import type { AskResponse, RequestSchemas } from "./schemas.js";
import type { ServiceState } from "./service-state.js";

export interface AskHandlerDeps {
  state: ServiceState;
  schemas: RequestSchemas;
  metrics: ServiceMetrics;
  logger: Logger;
  /** Applied to upstream error text before it is logged. */
  redact: Redactor;
  requestTimeoutMs: number;
}

/** The public part of a chain result: what POST /v1/ask returns and the `done` event carries. */
export function toAskResponse(result: AskResult): AskResponse {
  return {
    answer: result.answer,
    refused: result.refused,
    citations: result.citations,
    usedAnswerer: result.usedAnswerer,
    timings: result.timings,
    warnings: result.warnings,
    support: result.support,
    unsupportedSentences: result.unsupportedSentences,
    ...(result.rewrittenQuestion === undefined ? {} : { rewrittenQuestion: result.rewrittenQuestion }),
    ...(result.searchQuery === undefined ? {} : { searchQuery: result.searchQuery }),
    ...(result.corrections === undefined ? {} : { corrections: result.corrections }),
  };
}

function wantsEventStream(request: Request): boolean {
  return (request.header("accept") ?? "").includes("text/event-stream");
}

/**
 * POST /v1/ask and /v1/ask/stream: one code path; streaming only adds callbacks that write events.
 * Events: `sources` (all retrieved chunks, first), `token`*, `reset` (discard the tokens so far: the
 * fallback's answer follows), then `done` (the same object as the JSON reply) or `error`. The client closing the connection aborts the chain, and with it the LLM call.
 */
export function askHandler(deps: AskHandlerDeps, mode: { alwaysStream: boolean }): RequestHandler {
  return async (request: Request, response: Response) => {
    const parsed = deps.schemas.ask.safeParse(request.body);
    if (!parsed.success) throw validationError(parsed.error);
    const context = deps.state.require();
    const { question, topK, filters, history } = parsed.data;
    const scope = requestScope(response, deps.requestTimeoutMs, deps.state.stopSignal);
    const input: AskInput = { question, topK, filters, history, signal: scope.signal, deadline: scope.deadline };
    const finish = (result: AskResult) => {
      observeStages(deps.metrics, result.timings);
      // The LLM failed and the offline answerer answered: the client sees it in `warnings`; the operator needs a log line too (a bad key would otherwise go unnoticed).
      if (result.usedAnswerer.endsWith("-fallback")) {
        deps.logger.warn(
          { requestId: response.getHeader("x-request-id"), path: request.path, usedAnswerer: result.usedAnswerer, warnings: result.warnings.map(deps.redact) },
          "the LLM failed; the offline answerer answered",
        );
      }
      if (result.retrievalWarnings.length > 0) {
        deps.logger.warn({ requestId: response.getHeader("x-request-id"), path: request.path, warnings: result.retrievalWarnings }, "retrieval went on without a part (see warnings)");
      }
      deps.metrics.answers.inc({ answerer: result.usedAnswerer, refused: String(result.refused) });
      return toAskResponse(result);
    };

    if (!mode.alwaysStream && !wantsEventStream(request)) {
      try {
        response.json(finish(await scope.run(context.chain.invoke(input))));
      } finally {
        scope.dispose();
      }
      return;
    }

    const events = openEventStream(response);
    let rewrittenQuestion: string | undefined;
    try {
      const result = await scope.run(
        context.chain.invoke({
          ...input,
          onRewrite: (rewritten) => {
            rewrittenQuestion = rewritten;
          },
          onSources: (citations: Citation[]) => events.send("sources", { citations, ...(rewrittenQuestion === undefined ? {} : { rewrittenQuestion }) }),
          onToken: (text) => events.send("token", { text }),
          onReset: () => events.send("reset", {}),
        }),
      );
      events.send("done", finish(result));
    } catch (error) {
      if (!(error instanceof ClientClosedError)) {
        const mapped = mapError(error);
        logError(deps.logger, error, mapped.status, response, request.path, deps.redact);
        events.send("error", mapped.body);
      }
    } finally {
      scope.dispose();
      events.end();
    }
  };
}
