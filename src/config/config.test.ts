import { describe, expect, it } from "vitest";
import { ConfigError } from "../errors.js";
import { loadConfig, redactConfig } from "./config.js";

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
});
