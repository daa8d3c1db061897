import type { Command } from "commander";
import type { AskResult } from "../../answer/qa-chain.js";
import { loadConfig } from "../../config/config.js";
import { createRagContext } from "../../context.js";
import { parseFilterArguments } from "../filter-arguments.js";
import { formatMs, overridesFrom, positiveInteger } from "../options.js";

function printAnswer(result: AskResult): void {
  console.log(result.refused ? "Answer (refused):" : "Answer:");
  console.log(`  ${result.answer}\n`);
  if (result.citations.length > 0) {
    console.log("Sources:");
    for (const citation of result.citations) {
      console.log(`  [${citation.n}] ${citation.title} > ${citation.section}  (${citation.docId}, score ${citation.score.toFixed(3)})`);
      console.log(`      "${citation.snippet.replace(/\s+/g, " ")}"`);
    }
    console.log("");
  } else if (result.refused && result.retrieved.length > 0) {
    console.log("Closest passages (not enough to answer):");
    for (const chunk of result.retrieved.slice(0, 3)) console.log(`  - ${chunk.title} > ${chunk.section} (score ${chunk.score.toFixed(3)})`);
    console.log("");
  }
  for (const warning of result.warnings) console.log(`Warning: ${warning}`);
  const { retrieveMs, answerMs, totalMs } = result.timings;
  console.log(`retrieve ${formatMs(retrieveMs)}, answer ${formatMs(answerMs)}, total ${formatMs(totalMs)} · answerer: ${result.usedAnswerer}`);
}

/** `ask`: answer one question with numbered citations. */
export function registerAsk(program: Command): void {
  program
    .command("ask")
    .description("Answer one question from the index, with numbered citations")
    .argument("<question...>", "the question (quote it)")
    .option("-c, --corpus <name|path>", "shipped corpus name or path to a folder with corpus.json")
    .option("-k, --top-k <n>", "chunks to retrieve", positiveInteger)
    .option("-f, --filter <key=value>", "metadata filter, repeatable: doc_type=faq, product=A|B (any of), effective_date=>=2026-01-01", (value: string, previous: string[] = []) => [...previous, value])
    .option("--json", "print the full result as JSON")
    .option("--data-dir <dir>", "where indexes are read from")
    .action(async (words: string[], options: { corpus?: string; topK?: number; json?: boolean; dataDir?: string; filter?: string[] }) => {
      const config = loadConfig(process.env, overridesFrom(options));
      const filters = options.filter ? parseFilterArguments(options.filter) : undefined;
      const context = await createRagContext(config);
      const result = await context.chain.invoke({ question: words.join(" "), filters });
      if (options.json) console.log(JSON.stringify(result, null, 2));
      else printAnswer(result);
    });
}
