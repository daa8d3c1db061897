import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact-secrets.js";

describe("createRedactor", () => {
  const redact = createRedactor(["my-configured-key-value", undefined]);

  it("removes a configured secret wherever it appears", () => {
    expect(redact("key my-configured-key-value in the middle")).toBe("key [REDACTED] in the middle");
  });

  it("redacts Bearer and Basic tokens, keeping the scheme", () => {
    expect(redact("Authorization: Bearer abc.DEF-123_x")).toBe("Authorization: Bearer [REDACTED]");
    expect(redact("authorization: basic dXNlcjpwYXNz")).toBe("authorization: basic [REDACTED]");
  });

  it("redacts sk- keys that were never configured", () => {
    expect(redact("Incorrect API key provided: sk-proj-AbC123xyz456.")).toBe("Incorrect API key provided: [REDACTED].");
  });

  it("redacts key=value and JSON pairs named like secrets", () => {
    expect(redact("url?api_key=abc123&x=1")).toBe("url?api_key=[REDACTED]&x=1");
    expect(redact('{"password": "hunter2"}')).toBe('{"password": "[REDACTED]"}');
  });

  it("leaves ordinary text alone", () => {
    expect(redact("The LLM endpoint answered 401 when asked to answer.")).toBe("The LLM endpoint answered 401 when asked to answer.");
  });

  it("a configured key inside a Bearer header is redacted once, not left half", () => {
    expect(redact("Bearer my-configured-key-value")).toBe("Bearer [REDACTED]");
  });
});
