import { z } from "zod";
import "zod-openapi";
import { rejectReservedKeys, withoutPrototype } from "../index/filters.js";

/** Request limits that come from the config, so the schemas (and the OpenAPI document) show the real bounds. */
export interface ApiLimits {
  maxQuestionChars: number;
  maxTopK: number;
}

const MAX_HISTORY_TURNS = 20;
const MAX_TURN_CHARS = 8000;
const MAX_FILTER_FIELDS = 20;

const FilterValueSchema = z.union([
  z.string().max(200),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).min(1).max(50).meta({ description: "Any of these values." }),
  z
    .object({
      gte: z.iso.date().optional().meta({ description: "On or after this date (YYYY-MM-DD)." }),
      lte: z.iso.date().optional().meta({ description: "On or before this date (YYYY-MM-DD)." }),
    })
    .strict()
    .refine((range) => range.gte !== undefined || range.lte !== undefined, "a date range needs gte, lte or both")
    .meta({ description: "A date range over a YYYY-MM-DD field such as effective_date." }),
]);

/**
 * Metadata filters: front-matter field name -> value, list of values, or date range. Reserved keys
 * (`__proto__`, `constructor`, ...) are rejected, and the result has no prototype.
 */
export const FiltersSchema = z
  .preprocess(
    rejectReservedKeys,
    z
      .record(z.string().regex(/^[A-Za-z_][\w-]{0,63}$/, "filter keys are front-matter field names (letters, digits, '_' and '-')"), FilterValueSchema)
      .refine((filters) => Object.keys(filters).length <= MAX_FILTER_FIELDS, `at most ${MAX_FILTER_FIELDS} filter fields`),
  )
  .overwrite(withoutPrototype)
  .meta({
    id: "Filters",
    description: "Only chunks whose document front matter matches every field are retrieved.",
    example: { doc_type: "policy", effective_date: { gte: "2026-01-01" } },
  });

export const ChatTurnSchema = z
  .object({
    role: z.enum(["user", "assistant"]),
    content: z.string().trim().min(1, "content must not be empty").max(MAX_TURN_CHARS, `content must be at most ${MAX_TURN_CHARS} characters`),
  })
  .strict()
  .meta({ id: "ChatTurn" });

const topK = (limits: ApiLimits) =>
  z.number().int().min(1).max(limits.maxTopK).optional().meta({ description: `Chunks to retrieve, 1..${limits.maxTopK} (default: TOP_K).` });

/**
 * Request schemas, built from the configured limits; they validate requests and feed the OpenAPI
 * document. They carry no global `id` (each app builds its own); openapi.ts names them as components.
 */
export function createRequestSchemas(limits: ApiLimits) {
  const text = (field: string) =>
    z
      .string()
      .trim()
      .min(1, `${field} must not be empty`)
      .max(limits.maxQuestionChars, `${field} must be at most ${limits.maxQuestionChars} characters`);
  const ask = z
    .object({
      question: text("question").meta({ example: "How many days' notice do I need to give to cancel?" }),
      topK: topK(limits),
      filters: FiltersSchema.optional(),
      history: z
        .array(ChatTurnSchema)
        .max(MAX_HISTORY_TURNS, `history holds at most ${MAX_HISTORY_TURNS} turns`)
        .optional()
        .meta({ description: "Earlier turns, oldest first. A follow-up question is rewritten into a standalone question before retrieval." }),
    })
    .strict();
  const search = z
    .object({
      query: text("query").meta({ example: "cancellation notice period" }),
      topK: topK(limits),
      filters: FiltersSchema.optional(),
    })
    .strict();
  const documentParams = z.object({ id: z.string().min(1).max(300).meta({ description: "Document id (may contain '/')." }) });
  return { ask, search, documentParams };
}

export type RequestSchemas = ReturnType<typeof createRequestSchemas>;
export type AskRequest = z.infer<RequestSchemas["ask"]>;

export const CitationSchema = z
  .object({
    n: z.number().int().meta({ description: "The number of the [n] marker in the answer." }),
    docId: z.string(),
    title: z.string(),
    section: z.string(),
    snippet: z.string().meta({ description: "The passage that supports the answer, quoted from the chunk." }),
    score: z.number().meta({ description: "Retrieval score of the chunk (higher is better)." }),
    chunkId: z.string(),
  })
  .meta({ id: "Citation" });

export const AskResponseSchema = z
  .object({
    answer: z.string(),
    refused: z.boolean().meta({ description: "True when the documents do not answer the question; `answer` then says so." }),
    citations: z.array(CitationSchema),
    usedAnswerer: z.string().meta({ example: "extractive" }),
    timings: z.object({
      rewriteMs: z.number().optional(),
      retrieveMs: z.number(),
      answerMs: z.number(),
      totalMs: z.number(),
    }),
    warnings: z.array(z.string()),
    support: z
      .number()
      .min(0)
      .max(1)
      .meta({ description: "How strongly the documents support the question (0..1): below the corpus's threshold the answer is a refusal; 0 when the question names something the documents never mention." }),
    unsupportedSentences: z
      .number()
      .int()
      .min(0)
      .meta({ description: "Answer sentences whose numbers or key terms the chunks they cite do not hold (grounding check); each is also named in `warnings`. 0 for a refusal." }),
    rewrittenQuestion: z.string().optional().meta({ description: "The standalone question used for retrieval; present when `history` was sent." }),
    searchQuery: z
      .string()
      .optional()
      .meta({ description: "What retrieval searched for, when it differs from the question: sentences addressed to the assistant removed, misspellings corrected." }),
    corrections: z
      .array(z.object({ from: z.string(), to: z.string() }))
      .optional()
      .meta({ description: "The words of the question read as another word, when any were: a misspelling corrected (\"garantee\" -> \"guarantee\"), a clipped word completed (\"max\" -> \"maximum\")." }),
  })
  .meta({ id: "AskResponse" });

export type AskResponse = z.infer<typeof AskResponseSchema>;

export const SearchResultSchema = z
  .object({
    rank: z.number().int(),
    docId: z.string(),
    title: z.string(),
    section: z.string(),
    headingPath: z.array(z.string()),
    chunkId: z.string(),
    score: z.number(),
    snippet: z.string().meta({ description: "The sentence, list item or table row of the chunk that best matches the query." }),
  })
  .meta({ id: "SearchResult" });

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    results: z.array(SearchResultSchema),
    timings: z.object({ retrieveMs: z.number() }),
    warnings: z.array(z.string()).meta({ description: "What the search had to do without, e.g. the dense side when the embeddings endpoint failed (the results then come from full-text search alone). Empty normally." }),
  })
  .meta({ id: "SearchResponse" });

export type SearchResponse = z.infer<typeof SearchResponseSchema>;

export const CorpusResponseSchema = z
  .object({
    name: z.string(),
    domain: z.string(),
    description: z.string(),
    examples: z.array(z.string()),
    documents: z.number().int(),
    chunks: z.number().int(),
    manifest: z.record(z.string(), z.unknown()).meta({ description: "The index manifest: build id, per-document hashes, embedder, chunking and HNSW settings, counts, timings." }),
  })
  .meta({ id: "CorpusResponse" });

export type CorpusResponse = z.infer<typeof CorpusResponseSchema>;

export const DocumentResponseSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    sourcePath: z.string(),
    metadata: z.record(z.string(), z.unknown()),
    chunks: z.array(
      z.object({
        chunkId: z.string(),
        ordinal: z.number().int(),
        section: z.string(),
        headingPath: z.array(z.string()),
        text: z.string(),
      }),
    ),
  })
  .meta({ id: "DocumentResponse" });

export type DocumentResponse = z.infer<typeof DocumentResponseSchema>;

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "invalid_request" }),
      message: z.string(),
      details: z.unknown().optional().meta({ description: "For 400: the invalid fields as [{path, message}]." }),
    }),
  })
  .meta({ id: "ErrorResponse" });

export const HealthResponseSchema = z.object({ status: z.literal("ok") }).meta({ id: "HealthResponse" });

export const ReadyResponseSchema = z
  .object({ status: z.literal("ready"), corpus: z.string(), documents: z.number().int(), chunks: z.number().int() })
  .meta({ id: "ReadyResponse" });
