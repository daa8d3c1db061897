import { z } from "zod";
import { createDocument, type ZodOpenApiResponsesObject } from "zod-openapi";
import {
  AskResponseSchema,
  CorpusResponseSchema,
  DocumentResponseSchema,
  ErrorResponseSchema,
  HealthResponseSchema,
  ReadyResponseSchema,
  type RequestSchemas,
  SearchResponseSchema,
} from "./schemas.js";

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(ErrorResponseSchema) });

/** The error statuses every /v1 route can answer with. */
const apiErrors = (extra: ZodOpenApiResponsesObject = {}): ZodOpenApiResponsesObject => ({
  "401": error("Missing or wrong API key (when API_KEY is set)."),
  "405": error("Method not allowed; the Allow header lists the allowed ones."),
  "429": error("Rate limited (RATE_LIMIT_PER_MINUTE); see Retry-After."),
  "503": error("The index is not loaded yet (or failed to load)."),
  "500": error("Unexpected error; logged with the request id."),
  ...extra,
});

const bodyErrors: ZodOpenApiResponsesObject = {
  "400": error("Invalid body: `details` names each field and why."),
  "413": error("Body larger than BODY_LIMIT."),
  "415": error("Body is not JSON."),
};

const llmErrors: ZodOpenApiResponsesObject = {
  "502": error("The configured LLM endpoint failed (with LLM_FALLBACK=error)."),
  "504": error("The LLM endpoint or the whole request ran past its deadline."),
};

const SSE_DESCRIPTION = [
  "Server-Sent Events, in this order:",
  "`sources` (data: `{citations: Citation[], rewrittenQuestion?}`: every retrieved chunk, numbered as the answer's [n] markers),",
  "`token` (data: `{text}`: the next piece of the answer; the offline answerer sends one piece),",
  "`reset` (data: `{}`: the LLM stream failed midway and the offline fallback answers; discard the tokens so far, the fallback's follow),",
  "`done` (data: the same AskResponse that POST /v1/ask returns; `answer` is final and replaces the streamed text),",
  "or `error` (data: ErrorResponse) if it fails after the stream started. Closing the connection cancels the LLM call.",
].join(" ");

/** The OpenAPI 3.1 document, generated from the zod schemas that validate requests. */
export function createOpenApiDocument(schemas: RequestSchemas, info: { title: string; version: string; description: string }) {
  const askOperation = (summary: string, streamOnly: boolean) => ({
    summary,
    requestBody: { required: true, content: { "application/json": { schema: schemas.ask } } },
    responses: {
      "200": {
        description: streamOnly ? "The answer as a stream of events." : "The answer, or (with Accept: text/event-stream) the same as a stream of events.",
        content: {
          ...(streamOnly ? {} : { "application/json": { schema: AskResponseSchema } }),
          "text/event-stream": { schema: z.string().meta({ description: SSE_DESCRIPTION }) },
        },
      },
      ...bodyErrors,
      ...apiErrors(llmErrors),
    },
  });
  return createDocument({
    openapi: "3.1.0",
    info,
    components: {
      schemas: { AskRequest: schemas.ask, SearchRequest: schemas.search },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Required on /v1/* when API_KEY is set." } },
    },
    paths: {
      "/v1/ask": { post: { ...askOperation("Answer a question with numbered citations, or refuse", false), security: [{ bearer: [] }, {}] } },
      "/v1/ask/stream": { post: { ...askOperation("Answer a question as Server-Sent Events", true), security: [{ bearer: [] }, {}] } },
      "/v1/search": {
        post: {
          summary: "Retrieval only: the top chunks with scores and snippets",
          security: [{ bearer: [] }, {}],
          requestBody: { required: true, content: { "application/json": { schema: schemas.search } } },
          responses: { "200": { description: "Ranked chunks.", ...json(SearchResponseSchema) }, ...bodyErrors, ...apiErrors() },
        },
      },
      "/v1/corpus": {
        get: {
          summary: "The loaded corpus: name, description, example questions, counts and the index manifest",
          security: [{ bearer: [] }, {}],
          responses: { "200": { description: "The corpus.", ...json(CorpusResponseSchema) }, ...apiErrors() },
        },
      },
      "/v1/documents/{id}": {
        get: {
          summary: "One document with its chunks in reading order",
          security: [{ bearer: [] }, {}],
          requestParams: { path: schemas.documentParams },
          responses: { "200": { description: "The document.", ...json(DocumentResponseSchema) }, "404": error("No document with this id."), ...apiErrors() },
        },
      },
      "/healthz": { get: { summary: "The process is up", responses: { "200": { description: "Up.", ...json(HealthResponseSchema) } } } },
      "/readyz": {
        get: {
          summary: "The index is loaded and the service takes requests",
          responses: { "200": { description: "Ready.", ...json(ReadyResponseSchema) }, "503": error("Starting, failed to load the index, or shutting down.") },
        },
      },
      "/metrics": {
        get: {
          summary: "Prometheus metrics",
          responses: { "200": { description: "Prometheus text format.", content: { "text/plain": { schema: z.string() } } } },
        },
      },
      "/openapi.json": { get: { summary: "This document", responses: { "200": { description: "OpenAPI 3.1 JSON." } } } },
    },
  });
}
