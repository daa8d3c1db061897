import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config/config.js";
import { scaffoldCorpus } from "../../corpus/scaffold.js";

/** `corpus:new`: scaffold a corpus folder and its eval set. */
export function registerCorpusNew(program: Command): void {
  program
    .command("corpus:new")
    .description("Create corpora/<name>/ (commented corpus.json, README, an example document) and evals/<name>.jsonl with example cases")
    .argument("<name>", "corpus name: lower-case letters, digits, '-' and '_'")
    .action(async (name: string) => {
      const config = loadConfig(process.env);
      const files = await scaffoldCorpus(name, config.corporaDir, "evals");
      console.log(`Created:\n${files.map((file) => `  ${path.relative(process.cwd(), file)}`).join("\n")}`);
      console.log(`Next: add documents to corpora/${name}/docs/, then npm run ingest -- --corpus ${name}`);
    });
}
