// What chain and agent mode cost (a benchmark, not a test): the eval set run through the LLM answerer
// twice, once per LLM_MODE, against a loopback OpenAI-compatible stub that plays a fixed, simple model:
// in agent mode it searches once with the question, then (both modes) it answers with the source
// sentence sharing the most words with the question, cited, or NOT_IN_DOCUMENTS when none shares one.
// Usage is estimated at 4 characters a token. What it measures is each mode's cost: model calls,
// tokens in and out, and the answer step's latency without the model's own time. Answer quality under
// the stub is the stub's, not a mode's, so it is not reported. Writes reports/llm-modes/<mode>/ and
// prints a Markdown table. Usage: npm run bench:llm-modes [-- --corpus finance]
import path from "node:path";
import { loadConfig } from "../src/config/config.js";
import { runEvaluation } from "../src/eval/run-eval.js";
import { contentTerms } from "../src/text/tokenize.js";
import { type ChatRequestBody, startOpenAIStub } from "../test/support/openai-stub.js";

const corpusArgument = process.argv.indexOf("--corpus");
const CORPUS = corpusArgument > 0 ? process.argv[corpusArgument + 1]! : "finance";
const MODES = ["chain", "agent"] as const;
const SOURCE = /<source n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g;

const contentWords = (text: string): Set<string> => new Set(contentTerms(text));

/** The stub's model: search once when it may (agent mode), then quote the sentence that shares the most words with the question. */
function leadQuoteModel(body: ChatRequestBody): { reply: string } | { toolCalls: Array<{ name: string; arguments: Record<string, unknown> }> } {
  const question = (body.messages.filter((message) => message.role === "user").at(-1)?.content ?? "").replace(/^Question:\s*/, "").trim();
  if (body.tools?.length && !body.messages.some((message) => message.role === "tool")) {
    return { toolCalls: [{ name: body.tools[0]!.function.name, arguments: { query: question } }] };
  }
  const asked = contentWords(question);
  let best = { overlap: 0, reply: "NOT_IN_DOCUMENTS" };
  for (const message of body.messages) {
    for (const [, n, text] of (message.content ?? "").matchAll(SOURCE)) {
      for (const sentence of text!.split(/(?<=[.!?])\s+|\n+/)) {
        const overlap = [...contentWords(sentence)].filter((word) => asked.has(word)).length;
        if (overlap > best.overlap) best = { overlap, reply: `${sentence.trim()} [${n}]` };
      }
    }
  }
  return { reply: best.reply };
}

const stub = await startOpenAIStub();
stub.behaviour = { reply: "", respond: leadQuoteModel, estimateUsage: true };
const rows: string[] = [];
try {
  for (const mode of MODES) {
    stub.chatRequests.length = 0;
    const env = { ...process.env, ANSWERER: "llm", OPENAI_BASE_URL: stub.baseURL, OPENAI_API_KEY: "not-needed", LLM_MODEL: "stub-lead-quote", LLM_MODE: mode, LLM_STREAM: "false", LLM_FALLBACK: "error", QUESTION_REWRITER: "offline" };
    const config = loadConfig(env, { corpus: CORPUS });
    const outDir = path.join("reports", "llm-modes", mode);
    console.error(`running ${mode} mode ...`);
    const { report } = await runEvaluation(config, { outDir, k: 10, concurrency: 1, thresholdsPath: "evals/thresholds.json", baselineDir: "evals/baseline", updateBaseline: false });
    const n = report.summary.n;
    // A case the refusal check settled never reached the model, so it carries no usage.
    const modelAnswered = report.cases.filter((result) => result.usage !== undefined).length;
    const calls = stub.chatRequests.length;
    const searches = stub.chatRequests.filter((request) => request.messages.some((message) => message.role === "tool")).length;
    rows.push(
      `| ${mode} | ${n} | ${modelAnswered} | ${(calls / Math.max(1, modelAnswered)).toFixed(2)} | ${searches} | ${Math.round(report.summary.tokensIn / Math.max(1, modelAnswered))} | ${Math.round(report.summary.tokensOut / Math.max(1, modelAnswered))} | ${report.summary.answerP50Ms} / ${report.summary.answerP95Ms} |`,
    );
  }
} finally {
  await stub.close();
}
console.log(`\n${CORPUS}: chain vs agent mode against the loopback stub (npm run bench:llm-modes -- --corpus ${CORPUS})\n`);
console.log("| mode | cases | answered by the model | model calls per answer | searches | tokens in per answer (est.) | tokens out per answer (est.) | answer step p50 / p95 ms (no model time) |");
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) console.log(row);
