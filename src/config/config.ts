import { availableParallelism } from "node:os";
import path from "node:path";
import { MODEL_PROVIDER_CONFIG } from "langchain/chat_models/universal";
import { z } from "zod";
import { ConfigError } from "../errors.js";
import { DEFAULT_SCORING, type ScoringSettings } from "./scoring.js";

/** Every setting and the environment variable that sets it; a test checks the configuration table (docs/CONFIGURATION.md) against these names and the schema's defaults. */
const ENV_NAMES = {
  corpus: "CORPUS",
  corporaDir: "CORPORA_DIR",
  dataDir: "DATA_DIR",
  port: "PORT",
  host: "HOST",
  logLevel: "LOG_LEVEL",
  ingestWorkers: "INGEST_WORKERS",
  "embeddings.provider": "EMBEDDINGS_PROVIDER",
  "embeddings.model": "EMBEDDINGS_MODEL",
  "embeddings.baseURL": "EMBEDDINGS_BASE_URL",
  "embeddings.apiKey": "EMBEDDINGS_API_KEY",
  "embeddings.dimensions": "EMBEDDINGS_DIMENSIONS",
  "embeddings.batchSize": "EMBEDDINGS_BATCH_SIZE",
  "embeddings.fitSample": "EMBEDDINGS_FIT_SAMPLE",
  "embeddings.queryTimeoutMs": "EMBEDDINGS_QUERY_TIMEOUT_MS",
  "answerer.kind": "ANSWERER",
  "answerer.minSupport": "ANSWER_MIN_EVIDENCE",
  "answerer.maxSentences": "ANSWER_MAX_SENTENCES",
  "llm.model": "LLM_MODEL",
  "llm.mode": "LLM_MODE",
  "llm.agentMaxSearches": "LLM_AGENT_MAX_SEARCHES",
  "judge.model": "JUDGE_MODEL",
  "judge.baseURL": "JUDGE_BASE_URL",
  "judge.apiKey": "JUDGE_API_KEY",
  "llm.baseURL": "OPENAI_BASE_URL",
  "llm.apiKey": "OPENAI_API_KEY",
  "llm.timeoutMs": "LLM_TIMEOUT_MS",
  "llm.fallback": "LLM_FALLBACK",
  "llm.stream": "LLM_STREAM",
  "llm.temperature": "LLM_TEMPERATURE",
  "llm.maxTokens": "LLM_MAX_TOKENS",
  "retrieval.topK": "TOP_K",
  "retrieval.mode": "RETRIEVAL_MODE",
  "retrieval.fusion": "FUSION",
  "retrieval.denseWeight": "FUSION_DENSE_WEIGHT",
  "retrieval.sparseWeight": "FUSION_SPARSE_WEIGHT",
  "retrieval.rrfK": "FUSION_RRF_K",
  "retrieval.candidates": "RETRIEVAL_CANDIDATES",
  "retrieval.typoCorrection": "RETRIEVAL_TYPO_CORRECTION",
  "retrieval.entityBoost": "RETRIEVAL_ENTITY_BOOST",
  "retrieval.periodBoost": "RETRIEVAL_PERIOD_BOOST",
  "retrieval.dateAware": "RETRIEVAL_DATE_AWARE",
  "retrieval.supersededPenalty": "RETRIEVAL_SUPERSEDED_PENALTY",
  "retrieval.rerank": "RETRIEVAL_RERANK",
  "retrieval.maxPerDocument": "RETRIEVAL_MAX_PER_DOCUMENT",
  "retrieval.documentFirst": "RETRIEVAL_DOCUMENT_FIRST",
  "retrieval.reasons": "RETRIEVAL_REASONS",
  "retrieval.proximity": "RETRIEVAL_PROXIMITY",
  "retrieval.synonyms": "RETRIEVAL_SYNONYMS",
  "retrieval.feedback": "RETRIEVAL_FEEDBACK",
  "index.efSearch": "HNSW_EF_SEARCH",
  "index.recallTarget": "HNSW_RECALL_TARGET",
  "index.m": "HNSW_M",
  "index.efConstruction": "HNSW_EF_CONSTRUCTION",
  "index.backend": "INDEX_BACKEND",
  "index.pollSeconds": "INDEX_POLL_SECONDS",
  "postgres.url": "DATABASE_URL",
  "postgres.poolMax": "PG_POOL_MAX",
  "postgres.statementTimeoutMs": "PG_STATEMENT_TIMEOUT_MS",
  "postgres.ssl": "PG_SSL",
  "rewriter.kind": "QUESTION_REWRITER",
  "server.apiKey": "API_KEY",
  "server.rateLimitPerMinute": "RATE_LIMIT_PER_MINUTE",
  "server.corsOrigins": "CORS_ORIGINS",
  "server.bodyLimit": "BODY_LIMIT",
  "server.maxQuestionChars": "MAX_QUESTION_CHARS",
  "server.maxTopK": "MAX_TOP_K",
  "server.requestTimeoutMs": "REQUEST_TIMEOUT_MS",
  "server.shutdownTimeoutMs": "SHUTDOWN_TIMEOUT_MS",
  "server.trustProxy": "TRUST_PROXY",
} as const;

export type ConfigKey = keyof typeof ENV_NAMES;

const booleanFromString = z
  .union([z.boolean(), z.enum(["true", "false", "1", "0"])])
  .transform((value) => value === true || value === "true" || value === "1");

const ORIGIN = /^https?:\/\/[^/\s]+$/;

const originList = z
  .union([z.array(z.string()), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((origin) => origin.trim().replace(/\/$/, "")).filter(Boolean))
  .refine((origins) => origins.every((origin) => origin === "*" || ORIGIN.test(origin)), "a comma-separated list of origins like https://app.example.com, or *");

const ConfigSchema = z.object({
  corpus: z.string().min(1).default("finance"),
  corporaDir: z.string().min(1).default("corpora"),
  dataDir: z.string().min(1).default("data"),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default("127.0.0.1"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Worker threads of an ingest (the LSA fit's products, embedding every chunk, the derived retrieval data); 1 runs it all in one thread. The build is the same for any number. */
  ingestWorkers: z.coerce.number().int().min(1).max(256).default(() => availableParallelism()),
  embeddings: z.object({
    provider: z.enum(["local", "openai"]).default("local"),
    model: z.string().min(1).default("text-embedding-3-small"),
    baseURL: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    dimensions: z.coerce.number().int().min(8).max(8192).optional(),
    batchSize: z.coerce.number().int().min(1).max(2048).default(64),
    /** `local`: most chunks the LSA model is fitted on; a larger corpus is fitted on a seeded sample of this size. */
    fitSample: z.coerce.number().int().min(100).max(10_000_000).default(20_000),
    /** `openai`: how long a question's embedding may take (one attempt, no retry); past it, or on an error, hybrid search goes on with full-text search alone. */
    queryTimeoutMs: z.coerce.number().int().min(50).max(600_000).default(5_000),
  }),
  answerer: z.object({
    kind: z.enum(["extractive", "llm"]).default("extractive"),
    /** Support below which the service refuses. Unset: the corpus's calibrated value (corpus.json "answer.minEvidence"), else 0.5. */
    minSupport: z.coerce.number().min(0).max(1).optional(),
    maxSentences: z.coerce.number().int().min(1).max(10).default(3),
  }),
  llm: z.object({
    /** A model name for OPENAI_BASE_URL, or `provider:model` (initChatModel: `openai:gpt-4o-mini`, `ollama:llama3.2`). */
    model: z.string().min(1).default("gpt-4o-mini"),
    /** `chain`: retrieve once, one model call; `agent`: the model may also call a search tool. */
    mode: z.enum(["chain", "agent"]).default("chain"),
    /** Agent mode: searches the model may make per question beyond the first retrieval. */
    agentMaxSearches: z.coerce.number().int().min(1).max(20).default(4),
    baseURL: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    timeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
    fallback: z.enum(["extractive", "error"]).default("extractive"),
    stream: booleanFromString.default(false),
    temperature: z.coerce.number().min(0).max(2).default(0),
    maxTokens: z.coerce.number().int().min(16).max(32_768).default(600),
  }),
  /** The eval's LLM judge; off unless JUDGE_MODEL names a model. */
  judge: z.object({
    model: z.string().min(1).optional(),
    baseURL: z.url().optional(),
    apiKey: z.string().min(1).optional(),
  }),
  retrieval: z.object({
    topK: z.coerce.number().int().min(1).max(50).default(6),
    mode: z.enum(["dense", "sparse", "hybrid"]).default("hybrid"),
    fusion: z.enum(["rrf", "weighted"]).default("rrf"),
    /** The local LSA side is weaker than BM25 on every corpus measured (finance, ecommerce, TAT-QA, generated reports); at half weight it still adds what BM25 misses. */
    denseWeight: z.coerce.number().min(0).max(10).default(0.5),
    sparseWeight: z.coerce.number().min(0).max(10).default(1),
    rrfK: z.coerce.number().int().min(1).max(1000).default(60),
    /** The fewest candidates per side; a larger corpus gets more (ScoringSettings.retrieval.poolShare). */
    candidates: z.coerce.number().int().min(5).max(1000).default(50),
    typoCorrection: booleanFromString.default(true),
    entityBoost: z.coerce.number().min(0).max(5).default(0.25),
    /** Relative boost for chunks of documents about a year the question names (title, file name, dates; 0 = off). */
    periodBoost: z.coerce.number().min(0).max(5).default(0.25),
    dateAware: booleanFromString.default(true),
    supersededPenalty: z.coerce.number().min(0).max(1).default(0.5),
    rerank: booleanFromString.default(true),
    maxPerDocument: z.coerce.number().int().min(1).max(50).default(3),
    /** Document first, then chunk: a document keeps the places its chunks earned; body evidence decides which of its chunks takes which. */
    documentFirst: booleanFromString.default(true),
    /** A question asking why searches without its asking words ("What caused", "Why did"), and a chunk stating a cause ("due to", "driven by") gains in the reranker. */
    reasons: booleanFromString.default(true),
    /** The reranker rewards a chunk where the question's terms (other than document names and years) stand close together (ScoringSettings.rerank.proximity). */
    proximity: booleanFromString.default(true),
    /** Also search WordNet synonyms of the question's words that the corpus uses, weighted below the question's own words. */
    synonyms: booleanFromString.default(false),
    /** Also search the words that weigh most in the first search's top chunks (pseudo-relevance feedback), weighted below the question's own words. */
    feedback: booleanFromString.default(false),
  }),
  index: z.object({
    /** Unset: chosen by corpus size (ScoringSettings.hnsw.bySize). */
    m: z.coerce.number().int().min(4).max(128).optional(),
    efConstruction: z.coerce.number().int().min(10).max(2000).optional(),
    efSearch: z.coerce.number().int().min(1).max(5000).default(100),
    /** Embedded backend: recall@10 the build tunes efSearch to (raising it from efSearch); 0 turns tuning off. */
    recallTarget: z.coerce.number().min(0).max(1).default(0.95),
    /** Where the index lives: `hnsw` (embedded, a version folder under DATA_DIR) or `pgvector` (PostgreSQL). */
    backend: z.enum(["hnsw", "pgvector"]).default("hnsw"),
    /** pgvector: how often a serving process checks for a new current build and switches to it; 0 turns it off. */
    pollSeconds: z.coerce.number().int().min(0).max(86_400).default(10),
  }),
  postgres: z.object({
    /** postgres://user:password@host:5432/db; DATABASE_URL, or PG_CONNECTION_STRING when that is unset. */
    url: z.string().regex(/^postgres(?:ql)?:\/\//, "a connection string like postgres://user:password@host:5432/db").optional(),
    /** Connections per process; at least 2 (one for queries while another writes or holds a lock). */
    poolMax: z.coerce.number().int().min(2).max(200).default(10),
    statementTimeoutMs: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    ssl: booleanFromString.default(false),
  }),
  rewriter: z.object({
    kind: z.enum(["auto", "offline", "llm"]).default("auto"),
  }),
  server: z.object({
    /** When set, /v1/* requires `Authorization: Bearer <key>`. */
    apiKey: z.string().min(16, "use at least 16 characters").optional(),
    /** Requests per minute per client address on /v1/*; 0 turns rate limiting off. */
    rateLimitPerMinute: z.coerce.number().int().min(0).default(120),
    corsOrigins: originList.default([]),
    bodyLimit: z.string().regex(/^\d+(?:\.\d+)?(?:b|kb|mb)$/i, "a size like 32kb or 1mb").default("32kb"),
    maxQuestionChars: z.coerce.number().int().min(10).max(100_000).default(2000),
    maxTopK: z.coerce.number().int().min(1).max(200).default(50),
    requestTimeoutMs: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    shutdownTimeoutMs: z.coerce.number().int().min(0).max(600_000).default(10_000),
    /** Proxy hops in front of the service (express `trust proxy`), so rate limits key on the client address. */
    trustProxy: z.coerce.number().int().min(0).max(10).default(0),
  }),
});

/** The validated settings, plus the scoring weights (not set from the environment; see scoring.ts). */
export type Config = z.infer<typeof ConfigSchema> & {
  scoring: ScoringSettings;
  /** The settings given by an environment variable or a CLI flag (the rest are defaults, which a corpus's own settings may replace). */
  explicit: ConfigKey[];
};
export type ConfigOverrides = Partial<Record<ConfigKey, string | number | boolean | undefined>>;

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * Reads the settings once from the environment (and CLI overrides, which win), validates them and
 * returns a typed object to pass down. Throws a ConfigError naming the variable on bad input.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const raw: Record<string, unknown> = { embeddings: {}, answerer: {}, llm: {}, judge: {}, retrieval: {}, index: {}, postgres: {}, rewriter: {}, server: {} };
  for (const [key, envName] of Object.entries(ENV_NAMES)) {
    const fromEnv = env[envName];
    const value = overrides[key as ConfigKey] ?? (fromEnv === undefined || fromEnv === "" ? undefined : fromEnv);
    if (value !== undefined) setPath(raw, key, value);
  }
  // Embeddings reuse the LLM endpoint and key unless they are given their own.
  const embeddings = raw.embeddings as Record<string, unknown>;
  const llm = raw.llm as Record<string, unknown>;
  embeddings.baseURL ??= llm.baseURL;
  embeddings.apiKey ??= llm.apiKey;
  const postgres = raw.postgres as Record<string, unknown>;
  postgres.url ??= env.PG_CONNECTION_STRING || undefined;
  const judge = raw.judge as Record<string, unknown>;
  judge.baseURL ??= llm.baseURL;
  judge.apiKey ??= llm.apiKey;

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path.join(".") as ConfigKey;
      const name = ENV_NAMES[key] ?? key;
      return `${name}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join("\n  ")}`, parsed.error.issues);
  }
  const explicit = (Object.entries(ENV_NAMES) as Array<[ConfigKey, string]>)
    .filter(([key, envName]) => overrides[key] !== undefined || (env[envName] !== undefined && env[envName] !== ""))
    .map(([key]) => key);
  const config: Config = { ...parsed.data, scoring: structuredClone(DEFAULT_SCORING), explicit };
  config.dataDir = path.resolve(config.dataDir);
  config.corporaDir = path.resolve(config.corporaDir);
  const needsOpenAIEndpoint = usesOpenAIEndpoint(config.llm.model);
  if (config.answerer.kind === "llm" && needsOpenAIEndpoint && !config.llm.baseURL && !config.llm.apiKey) {
    throw new ConfigError(
      "ANSWERER=llm needs an endpoint: set OPENAI_API_KEY (for api.openai.com) or OPENAI_BASE_URL (for Ollama, vLLM, llama.cpp server, ...).",
    );
  }
  if (config.rewriter.kind === "llm" && needsOpenAIEndpoint && !config.llm.baseURL && !config.llm.apiKey) {
    throw new ConfigError("QUESTION_REWRITER=llm needs an endpoint: set OPENAI_API_KEY or OPENAI_BASE_URL, or use QUESTION_REWRITER=offline.");
  }
  if (config.retrieval.topK > config.server.maxTopK) {
    throw new ConfigError(`TOP_K (${config.retrieval.topK}) must not exceed MAX_TOP_K (${config.server.maxTopK}).`);
  }
  if (config.embeddings.provider === "openai" && !config.embeddings.baseURL && !config.embeddings.apiKey) {
    throw new ConfigError(
      "EMBEDDINGS_PROVIDER=openai needs an endpoint: set EMBEDDINGS_BASE_URL/OPENAI_BASE_URL or EMBEDDINGS_API_KEY/OPENAI_API_KEY.",
    );
  }
  if (config.index.backend === "pgvector" && !config.postgres.url) {
    throw new ConfigError("INDEX_BACKEND=pgvector needs a database: set DATABASE_URL (or PG_CONNECTION_STRING) to postgres://user:password@host:5432/db.");
  }
  return config;
}

/**
 * The chat-model provider a model string names (`ollama:llama3.2` -> `ollama`), or undefined for a plain
 * name, which goes to the OpenAI-compatible endpoint. Only providers `initChatModel` knows count, so an
 * Ollama tag like `llama3.2:3b` stays a plain name.
 */
export function chatModelProvider(model: string): string | undefined {
  const prefix = model.split(":")[0]!;
  return model.includes(":") && Object.hasOwn(MODEL_PROVIDER_CONFIG, prefix) ? prefix : undefined;
}

/** Whether the model is reached through OPENAI_BASE_URL / OPENAI_API_KEY (a plain name, or `openai:`). */
function usesOpenAIEndpoint(model: string): boolean {
  const provider = chatModelProvider(model);
  return provider === undefined || provider === "openai";
}

/** Environment variable names, for help texts and docs. */
export const configEnvNames: Readonly<Record<ConfigKey, string>> = ENV_NAMES;

/** A copy of the config that is safe to log or return over HTTP (no keys). */
export function redactConfig(config: Config): Config {
  return {
    ...config,
    embeddings: { ...config.embeddings, apiKey: config.embeddings.apiKey ? "***" : undefined },
    llm: { ...config.llm, apiKey: config.llm.apiKey ? "***" : undefined },
    judge: { ...config.judge, apiKey: config.judge.apiKey ? "***" : undefined },
    server: { ...config.server, apiKey: config.server.apiKey ? "***" : undefined },
    postgres: { ...config.postgres, url: config.postgres.url?.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@") },
  };
}
