// Refusal on questions about other corpora (not a test): asks each shipped corpus (finance, legal,
// ecommerce) the answerable questions of the other shipped eval sets, and of any extra corpus/set
// pairs given (which then are asked too), and prints one matrix of the share refused. Those questions
// are about other (fictional) organisations, so none should be answered. See docs/EVALUATION.md.
// Usage: npx tsx scripts/foreign-questions.ts [--corpus <name|path> --set <file>]... [--data-dir d] [--out dir]
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.js";
import { AppError, ConfigError } from "../src/errors.js";
import { type CorpusSet, renderForeignMatrix, runForeignQuestions } from "../src/eval/foreign-questions.js";

const SHIPPED: CorpusSet[] = ["finance", "legal", "ecommerce"].map((corpus) => ({ corpus, set: path.join("evals", `${corpus}.jsonl`) }));

try {
  const { values } = parseArgs({
    options: {
      corpus: { type: "string", multiple: true, default: [] },
      set: { type: "string", multiple: true, default: [] },
      "data-dir": { type: "string" },
      out: { type: "string" },
      k: { type: "string", default: "10" },
    },
  });
  if (values.corpus.length !== values.set.length) throw new ConfigError("give each extra --corpus its --set, in pairs: --corpus <name|path> --set <file>");
  const extra = values.corpus.map((corpus, index) => ({ corpus, set: values.set[index]! }));
  const config = loadConfig(process.env, { dataDir: values["data-dir"] });
  const started = Date.now();
  const matrix = await runForeignQuestions(config, [...SHIPPED, ...extra], {
    k: Number(values.k),
    concurrency: config.answerer.kind === "llm" ? 4 : 1,
    onCell: (asked, askedBy) => console.error(asked === askedBy ? `${asked}: its own set` : `${asked}: questions of ${askedBy}`),
  });
  const table = renderForeignMatrix(matrix);
  console.log(`\nShare refused (rows: corpus asked; columns: whose answerable questions), answerer ${config.answerer.kind}, ${((Date.now() - started) / 1000).toFixed(0)} s:\n`);
  console.log(table);
  if (values.out) {
    await mkdir(values.out, { recursive: true });
    await writeFile(path.join(values.out, "matrix.md"), table);
    // Every foreign question answered, with its support and the document it was answered from.
    await writeFile(path.join(values.out, "foreign-questions.json"), `${JSON.stringify(matrix, null, 2)}\n`);
    console.log(`Written: ${path.join(values.out, "matrix.md")}, ${path.join(values.out, "foreign-questions.json")}`);
  }
} catch (error) {
  console.error(`foreign-questions: ${error instanceof AppError ? error.message : String((error as Error).stack ?? error)}`);
  process.exitCode = 2;
}
