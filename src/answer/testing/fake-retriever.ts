import type { BaseRetrieverInterface } from "@langchain/core/retrievers";
import { ScopedRetriever } from "../../retrieval/index-retriever.js";
import { plainQuery } from "../../retrieval/query.js";
import type { RetrievedChunk } from "../../retrieval/types.js";

/** A LangChain retriever over a function, for answerer tests: what the request's scoped retriever would find for a text. */
export function fakeRetriever(search: (text: string) => RetrievedChunk[]): BaseRetrieverInterface {
  return new ScopedRetriever(async (text) => ({
    query: plainQuery(text),
    retrieval: { chunks: search(text), support: async () => 1, signals: async () => ({ lexical: 1, unfamiliar: false, missing: false, unseenYears: [], valueGap: 0, passage: 1, shortPassage: 0 }), warnings: [] },
  }));
}
