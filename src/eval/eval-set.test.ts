import { describe, expect, it } from "vitest";
import { asUnanswerable, EvalCaseSchema, parseEvalSet } from "./eval-set.js";

describe("asUnanswerable", () => {
  it("reads an answerable case as unanswerable: no evidence, facts, forbidden facts, reference or filters; its tags kept", () => {
    const [answerable, unanswerable] = parseEvalSet(
      [
        JSON.stringify({ id: "a-1", question: "What is the wire fee?", answerable: true, tags: ["lookup", "numeric"], evidence: [{ doc: "wires", quote: "costs $30" }], facts: ["$30"], reference: "$30.", forbidden: ["$35"], filters: { doc_type: "guide" }, notes: "kept" }),
        JSON.stringify({ id: "a-2", question: "Who wins the cup?", answerable: false, tags: ["unanswerable", "typo"] }),
      ].join("\n"),
      "set.jsonl",
    );
    expect(asUnanswerable([answerable!, unanswerable!])).toEqual([
      { id: "a-1", question: "What is the wire fee?", answerable: false, tags: ["lookup", "numeric", "unanswerable"], evidence: [], facts: [], forbidden: [], notes: "kept" },
      { id: "a-2", question: "Who wins the cup?", answerable: false, tags: ["unanswerable", "typo"], evidence: [], facts: [], forbidden: [] },
    ]);
  });

  it("gives cases the schema accepts as they are", () => {
    const [read] = parseEvalSet(JSON.stringify({ id: "b", question: "How long is shipping?", answerable: true, tags: ["procedure"], evidence: [{ doc: "faq", quote: "five days" }] }), "set.jsonl");
    const [unanswerable] = asUnanswerable([read!]);
    expect(EvalCaseSchema.parse(unanswerable)).toEqual(unanswerable);
  });
});
