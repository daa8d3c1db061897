import { afterAll, beforeAll } from "vitest";
import { financeContext } from "./finance-context.js";
import { type OpenAIStub, startOpenAIStub } from "./openai-stub.js";

/** What a suite that drives the LLM path shares: a finance index built once, and the loopback OpenAI stub. */
export interface FinanceAndStub {
  dataDir: string;
  stub: OpenAIStub;
}

/** Builds the finance index and starts the stub before the suite's tests, and closes both after them. */
export function financeAndStub(): FinanceAndStub {
  const shared = {} as FinanceAndStub;
  let cleanup: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const built = await financeContext();
    shared.dataDir = built.dataDir;
    cleanup = built.cleanup;
    shared.stub = await startOpenAIStub();
  });
  afterAll(async () => {
    await shared.stub?.close();
    await cleanup?.();
  });
  return shared;
}
