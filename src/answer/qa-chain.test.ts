import { describe, expect, it } from "vitest";
import { ScopedRetriever } from "../retrieval/index-retriever.js";
import { plainQuery, type Query } from "../retrieval/query.js";
import type { RetrievedChunk, SearchOptions } from "../retrieval/types.js";
import { createOfflineRewriter } from "./offline-question-rewriter.js";
import { createQaChain } from "./qa-chain.js";
import type { AnswerInput, Answerer } from "./types.js";

const chunk = (rank: number): RetrievedChunk => ({
  id: `doc#${rank}`, docId: `doc-${rank}`, ordinal: rank, title: `Doc ${rank}`, section: `Section ${rank}`, headingPath: [`Doc ${rank}`], text: `Text of chunk ${rank}.`, score: 1 - rank / 10, rank, metadata: {},
});

function fakes(read: (question: string) => Query = plainQuery) {
  const seen: { questions: string[]; options: SearchOptions[]; answerInputs: AnswerInput[] } = { questions: [], options: [], answerInputs: [] };
  const retriever = {
    defaultTopK: 2,
    scoped: (options: SearchOptions = {}) =>
      new ScopedRetriever(async (question) => {
        seen.questions.push(question);
        seen.options.push(options);
        const query: Query = read(question);
        return { query, retrieval: { chunks: Array.from({ length: options.topK ?? 2 }, (_, index) => chunk(index + 1)), support: async () => 0.75, signals: async () => ({ lexical: 0.75, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 0.75, shortPassage: 0 }), warnings: [] } };
      }),
  };
  const answerer: Answerer = {
    name: "fake",
    async answer(input) {
      seen.answerInputs.push(input);
      return { text: "Answer [2].", refused: false, cited: [{ n: 2, snippet: "Text of chunk 2." }], usedAnswerer: "fake", droppedCitations: 0, support: input.support ?? 0, warnings: [] };
    },
  };
  return { seen, chain: createQaChain({ retriever, answerer, rewriter: createOfflineRewriter() }) };
}

describe("qa chain", () => {
  it("retrieves inspectK chunks but lets the answerer read only topK, with the support retrieval measured", async () => {
    const { seen, chain } = fakes();
    const sources: number[] = [];
    const result = await chain.invoke({ question: "What is the fee?", inspectK: 5, onSources: (citations) => sources.push(citations.length) });
    expect(seen.options).toEqual([{ topK: 5, filters: undefined }]);
    expect(seen.answerInputs[0]!.chunks.map((entry) => entry.rank)).toEqual([1, 2]);
    expect(seen.answerInputs[0]!.support).toBe(0.75);
    expect(sources).toEqual([2]);
    expect(result.retrieved).toHaveLength(5);
    expect(result.support).toBe(0.75);
  });

  it("turns cited source numbers into citations of the chunks read", async () => {
    const { chain } = fakes();
    const result = await chain.invoke({ question: "What is the fee?" });
    expect(result.citations).toEqual([{ n: 2, docId: "doc-2", title: "Doc 2", section: "Section 2", snippet: "Text of chunk 2.", score: 0.8, chunkId: "doc#2" }]);
  });

  it("rewrites a follow-up with the history before retrieval, and reports it", async () => {
    const { seen, chain } = fakes();
    const result = await chain.invoke({ question: "and for a 12-month CD?", history: [{ role: "user", content: "What is the penalty on a 24-month CD?" }] });
    expect(seen.questions).toEqual(["What is the penalty on a 12-month CD?"]);
    expect(result.rewrittenQuestion).toBe("What is the penalty on a 12-month CD?");
    expect(result.question).toBe("and for a 12-month CD?");
    expect(result.timings.rewriteMs).toBeGreaterThanOrEqual(0);
  });

  it("reports the words it read as others (corrections) and what it searched for, only when the question was corrected", async () => {
    const corrected = (question: string): Query => ({ ...plainQuery(question.replace("garantee", "guarantee")), question, corrections: [{ from: "garantee", to: "guarantee" }] });
    const result = await fakes(corrected).chain.invoke({ question: "What is the uptime garantee?" });
    expect(result.corrections).toEqual([{ from: "garantee", to: "guarantee" }]);
    expect(result.searchQuery).toBe("What is the uptime guarantee?");
    const plain = await fakes().chain.invoke({ question: "What is the uptime guarantee?" });
    expect(plain).not.toHaveProperty("corrections");
    expect(plain).not.toHaveProperty("searchQuery");
  });
});
