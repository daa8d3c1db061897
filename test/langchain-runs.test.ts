import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import type { Serialized } from "@langchain/core/load/serializable";
import request from "supertest";
import { beforeEach, describe, expect, it } from "vitest";
import { createRagContext, type RagContext } from "../src/context.js";
import { configFor } from "./support/finance-context.js";
import { financeAndStub } from "./support/finance-and-stub.js";
import { testApp } from "./support/test-app.js";

/**
 * LangChain for real (issue 15): the chain's steps, the retriever, the rewrite's and the answer's model
 * calls and the agent's search tool are LangChain runs that a callback handler (or LangSmith tracing)
 * sees; agent mode searches with the request's filters and numbers what it finds after the retrieved sources.
 */

/** Collects run starts and ends, with their parents, as a LangChain callback handler. */
class RunRecorder extends BaseCallbackHandler {
  name = "run_recorder";
  readonly runs = new Map<string, { name: string; kind: string; parent?: string; ended: boolean }>();

  private start(kind: string, name: string, runId: string, parent?: string): void {
    this.runs.set(runId, { name, kind, parent, ended: false });
  }
  private end(runId: string): void {
    this.runs.get(runId)!.ended = true;
  }

  override handleChainStart(chain: Serialized, _inputs: unknown, runId: string, parent?: string, _tags?: string[], _metadata?: unknown, _runType?: string, runName?: string) {
    this.start("chain", runName ?? chain.id.at(-1)!, runId, parent);
  }
  override handleChainEnd(_outputs: unknown, runId: string) {
    this.end(runId);
  }
  override handleRetrieverStart(retriever: Serialized, _query: string, runId: string, parent?: string, _tags?: string[], _metadata?: unknown, name?: string) {
    this.start("retriever", name ?? retriever.id.at(-1)!, runId, parent);
  }
  override handleRetrieverEnd(_documents: unknown, runId: string) {
    this.end(runId);
  }
  override handleChatModelStart(model: Serialized, _messages: unknown, runId: string, parent?: string) {
    this.start("chat_model", model.id.at(-1)!, runId, parent);
  }
  override handleLLMEnd(_output: unknown, runId: string) {
    this.end(runId);
  }
  override handleToolStart(tool: Serialized, _input: string, runId: string, parent?: string, _tags?: string[], _metadata?: unknown, runName?: string) {
    this.start("tool", runName ?? tool.id.at(-1)!, runId, parent);
  }
  override handleToolEnd(_output: unknown, runId: string) {
    this.end(runId);
  }

  /** The names of the runs of one kind, in start order. */
  named(kind: string): string[] {
    return [...this.runs.values()].filter((run) => run.kind === kind).map((run) => run.name);
  }
  /** The names of a run's ancestors, nearest first. */
  ancestors(kind: string, name: string): string[] {
    let run = [...this.runs.values()].find((entry) => entry.kind === kind && entry.name === name);
    const names: string[] = [];
    while (run?.parent !== undefined) {
      run = this.runs.get(run.parent);
      if (run) names.push(run.name);
    }
    return names;
  }
}

const QUESTION = "What is the daily limit for Harbor Send?";

const shared = financeAndStub();
beforeEach(() => {
  shared.stub.chatRequests.length = 0;
  shared.stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1]." };
});

const llmContext = (env: Record<string, string> = {}): Promise<RagContext> => createRagContext(configFor(shared.dataDir, { ANSWERER: "llm", OPENAI_BASE_URL: shared.stub.baseURL, ...env }));

describe("LangChain callbacks see the request as runs", () => {
  it("chain mode: rewrite (with its model call), retrieve (with the retriever run) and answer (with the agent's one model call)", async () => {
    shared.stub.behaviour = { reply: (last) => (last.startsWith("Question:") ? "Harbor Send allows $2,500 per day [1]." : "What is the daily limit for Harbor Send?") };
    const context = await llmContext();
    const recorder = new RunRecorder();
    const result = await context.chain.invoke(
      { question: "and for Harbor Send?", history: [{ role: "user", content: "What is the daily limit for wires?" }] },
      { callbacks: [recorder] },
    );
    expect(result.answer).toBe("Harbor Send allows $2,500 per day [1].");
    expect(recorder.named("chain").slice(0, 4)).toEqual(["RunnableSequence", "rewrite", "retrieve", "answer"]);
    expect(recorder.named("retriever")).toEqual(["IndexRetriever"]);
    expect(recorder.ancestors("retriever", "IndexRetriever")).toEqual(["retrieve", "RunnableSequence"]);
    // Two model calls: the rewrite's inside `rewrite`, the answer's inside the agent inside `answer`.
    expect(recorder.named("chat_model")).toEqual(["ChatOpenAI", "ChatOpenAI"]);
    const [rewriteCall, answerCall] = [...recorder.runs.values()].filter((run) => run.kind === "chat_model");
    expect(recorder.runs.get(rewriteCall!.parent!)!.name).toBe("rewrite");
    const answerAncestors: string[] = [];
    for (let run = answerCall; run?.parent !== undefined; run = recorder.runs.get(run.parent)) answerAncestors.push(recorder.runs.get(run.parent)!.name);
    expect(answerAncestors).toContain("answer_agent");
    expect(answerAncestors.at(-2)).toBe("answer");
    expect(recorder.named("tool")).toEqual([]);
    expect([...recorder.runs.values()].every((run) => run.ended)).toBe(true);
    expect(shared.stub.chatRequests).toHaveLength(2);
  });

  it("agent mode: the search tool's run holds its own retriever run", async () => {
    shared.stub.behaviour = { reply: "Harbor Send allows $2,500 per day [1].", toolCalls: [[{ name: "search_documents", arguments: { query: "Harbor Send fees" } }]] };
    const context = await llmContext({ LLM_MODE: "agent" });
    const recorder = new RunRecorder();
    await context.chain.invoke({ question: QUESTION }, { callbacks: [recorder] });
    expect(recorder.named("tool")).toEqual(["search_documents"]);
    expect(recorder.named("retriever")).toEqual(["IndexRetriever", "IndexRetriever"]);
    const toolRetriever = [...recorder.runs.values()].filter((run) => run.kind === "retriever")[1]!;
    expect(recorder.runs.get(toolRetriever.parent!)!.name).toBe("search_documents");
    expect(recorder.named("chat_model")).toHaveLength(2);
  });
});

describe("agent mode against the loopback OpenAI stub", () => {
  it("sends the tool, runs the search with the request's filters, and cites what it found under the next numbers", async () => {
    // A low refusal threshold: this comparison question must reach the model.
    const context = await llmContext({ LLM_MODE: "agent", ANSWER_MIN_EVIDENCE: "0.2" });
    shared.stub.behaviour = {
      // The answer cites the highest source number the search returned.
      reply: (last) => `Student Checking has no monthly fee [1]. Sources found by the search are cited too [${Math.max(...[...last.matchAll(/<source n="(\d+)"/g)].map((match) => Number(match[1])))}].`,
      toolCalls: [[{ name: "search_documents", arguments: { query: "Premier Checking interest and fees" } }]],
    };
    const result = await context.chain.invoke({ question: "How do Student Checking and Premier Checking differ in fees?", topK: 2, filters: { doc_type: "faq" } });
    expect(shared.stub.chatRequests).toHaveLength(2);
    expect(shared.stub.chatRequests[0]!.tools!.map((entry) => entry.function.name)).toEqual(["search_documents"]);
    expect(shared.stub.chatRequests[0]!.messages[0]!.content).toContain("search_documents tool");
    const toolMessage = shared.stub.chatRequests[1]!.messages.at(-1)!;
    expect(toolMessage.role).toBe("tool");
    const numbers = [...(toolMessage.content ?? "").matchAll(/<source n="(\d+)"/g)].map((match) => Number(match[1]));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.length).toBeLessThanOrEqual(2);
    const highest = Math.max(...numbers);
    // The search found a chunk the first retrieval had not: it is numbered after sources 1-2.
    expect(highest).toBe(3);
    expect(result.usedAnswerer).toBe("llm-agent");
    expect(result.citations.map((citation) => citation.n)).toEqual([1, highest]);
    // Every source, retrieved or searched, obeys the request's filter.
    const docType = (chunkId: string) => context.backend.chunks.find((chunk) => chunk.id === chunkId)!.metadata.doc_type;
    expect(result.citations.map((citation) => docType(citation.chunkId))).toEqual(["faq", "faq"]);
  });

  it("/v1/ask/stream in agent mode: sources, the answer in one token, then done", async () => {
    const env = { ANSWERER: "llm", OPENAI_BASE_URL: shared.stub.baseURL, LLM_MODE: "agent" };
    const { app } = testApp(await llmContext({ LLM_MODE: "agent" }), { dataDir: shared.dataDir, env });
    const response = await request(app).post("/v1/ask/stream").set("accept", "text/event-stream").send({ question: QUESTION });
    const events = [...response.text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events).toEqual(["sources", "token", "done"]);
    expect(response.text).toContain('"usedAnswerer":"llm-agent"');
  });
});
