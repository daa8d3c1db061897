import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { chatModelProvider, loadConfig, redactConfig } from "./config.js";

describe("loadConfig", () => {
  it("has offline defaults", () => {
    const config = loadConfig({});
    expect(config.corpus).toBe("finance");
    expect(config.port).toBe(3000);
    expect(config.embeddings.provider).toBe("local");
    expect(config.answerer.kind).toBe("extractive");
  });

  it("lets CLI overrides win over the environment", () => {
    expect(loadConfig({ CORPUS: "legal", PORT: "8080" }, { corpus: "finance" })).toMatchObject({ corpus: "finance", port: 8080 });
  });

  it("names the variable and the allowed values on bad input", () => {
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty" })).toThrow(/PORT: /);
    expect(() => loadConfig({ ANSWERER: "gpt" })).toThrow(/ANSWERER: .*"extractive"\|"llm"/);
  });

  it("requires an endpoint for the LLM answerer, and reuses it for embeddings", () => {
    expect(() => loadConfig({ ANSWERER: "llm" })).toThrow(/OPENAI_API_KEY .* OPENAI_BASE_URL/);
    const config = loadConfig({ ANSWERER: "llm", EMBEDDINGS_PROVIDER: "openai", OPENAI_BASE_URL: "http://127.0.0.1:11434/v1", OPENAI_API_KEY: "sk-secret" });
    expect(config.embeddings.baseURL).toBe("http://127.0.0.1:11434/v1");
    expect(JSON.stringify(redactConfig(config))).not.toContain("sk-secret");
  });

  it("reads LLM_MODE (chain by default) and LLM_AGENT_MAX_SEARCHES", () => {
    expect(loadConfig({}).llm).toMatchObject({ mode: "chain", agentMaxSearches: 4 });
    expect(loadConfig({ LLM_MODE: "agent", LLM_AGENT_MAX_SEARCHES: "2" }).llm).toMatchObject({ mode: "agent", agentMaxSearches: 2 });
    expect(() => loadConfig({ LLM_MODE: "graph" })).toThrow(/LLM_MODE: .*"chain"\|"agent"/);
  });

  it("asks for the OpenAI endpoint only when the model goes to it", () => {
    expect(() => loadConfig({ ANSWERER: "llm", LLM_MODEL: "openai:gpt-4o-mini" })).toThrow(/OPENAI_API_KEY/);
    expect(loadConfig({ ANSWERER: "llm", LLM_MODEL: "ollama:llama3.2" }).llm.model).toBe("ollama:llama3.2");
  });
});

describe("chatModelProvider", () => {
  it("reads a provider prefix initChatModel knows, and leaves other names (Ollama tags too) plain", () => {
    expect(chatModelProvider("openai:gpt-4o-mini")).toBe("openai");
    expect(chatModelProvider("ollama:llama3.2:3b")).toBe("ollama");
    expect(chatModelProvider("anthropic:claude-sonnet-4-5")).toBe("anthropic");
    expect(chatModelProvider("llama3.2:3b")).toBeUndefined();
    expect(chatModelProvider("gpt-4o-mini")).toBeUndefined();
    expect(chatModelProvider("constructor:x")).toBeUndefined();
  });
});

describe("HTTP server settings", () => {
  it("has safe defaults", () => {
    expect(loadConfig({}).server).toEqual({
      rateLimitPerMinute: 120,
      corsOrigins: [],
      bodyLimit: "32kb",
      maxQuestionChars: 2000,
      maxTopK: 50,
      requestTimeoutMs: 60_000,
      shutdownTimeoutMs: 10_000,
      trustProxy: 0,
    });
    expect(loadConfig({}).rewriter.kind).toBe("auto");
  });

  it("parses CORS_ORIGINS as a comma-separated allow-list", () => {
    expect(loadConfig({ CORS_ORIGINS: "https://a.example.com, http://localhost:5173/" }).server.corsOrigins).toEqual([
      "https://a.example.com",
      "http://localhost:5173",
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: "a.example.com" })).toThrow(/CORS_ORIGINS: a comma-separated list of origins/);
  });

  it("validates sizes, bounds and the API key, and never shows the key", () => {
    expect(() => loadConfig({ BODY_LIMIT: "lots" })).toThrow(/BODY_LIMIT: a size like 32kb or 1mb/);
    expect(() => loadConfig({ API_KEY: "short" })).toThrow(/API_KEY: use at least 16 characters/);
    expect(() => loadConfig({ TOP_K: "20", MAX_TOP_K: "10" })).toThrow(/TOP_K \(20\) must not exceed MAX_TOP_K \(10\)/);
    expect(() => loadConfig({ QUESTION_REWRITER: "llm" })).toThrow(/QUESTION_REWRITER=llm needs an endpoint/);
    const config = loadConfig({ API_KEY: "a-very-secret-key-123" });
    expect(JSON.stringify(redactConfig(config))).not.toContain("a-very-secret-key-123");
  });
});

describe("index backend settings", () => {
  it("defaults to the embedded HNSW index and needs a database URL for pgvector", () => {
    expect(loadConfig({}).index.backend).toBe("hnsw");
    expect(() => loadConfig({ INDEX_BACKEND: "pgvector" })).toThrow(/INDEX_BACKEND=pgvector needs a database: set DATABASE_URL \(or PG_CONNECTION_STRING\)/);
    expect(() => loadConfig({ INDEX_BACKEND: "faiss" })).toThrow(/INDEX_BACKEND: .*"hnsw"\|"pgvector"/);
    expect(() => loadConfig({ INDEX_BACKEND: "pgvector", DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: a connection string/);
    expect(() => loadConfig({ INDEX_BACKEND: "pgvector", DATABASE_URL: "postgres://a@b/c", PG_POOL_MAX: "1" })).toThrow(/PG_POOL_MAX: /);
  });

  it("reads PG_CONNECTION_STRING when DATABASE_URL is unset, and redacts the password", () => {
    const config = loadConfig({ INDEX_BACKEND: "pgvector", PG_CONNECTION_STRING: "postgres://rag:hunter2@db.internal:5432/rag", PG_SSL: "true", PG_POOL_MAX: "5" });
    expect(config.postgres).toEqual({ url: "postgres://rag:hunter2@db.internal:5432/rag", poolMax: 5, statementTimeoutMs: 30_000, ssl: true });
    expect(loadConfig({ DATABASE_URL: "postgres://a@one/db", PG_CONNECTION_STRING: "postgres://a@two/db" }).postgres.url).toBe("postgres://a@one/db");
    expect(redactConfig(config).postgres.url).toBe("postgres://rag:***@db.internal:5432/rag");
  });
});
