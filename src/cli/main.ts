#!/usr/bin/env node
import { Command } from "commander";
import { AppError } from "../errors.js";
import { registerAsk } from "./commands/ask.js";
import { registerCalibrate } from "./commands/calibrate.js";
import { registerCorpusNew } from "./commands/corpus-new.js";
import { registerEval } from "./commands/eval.js";
import { registerIngest } from "./commands/ingest.js";
import { registerServe } from "./commands/serve.js";
import { registerTune } from "./commands/tune.js";

// `npm run ask -- ... | head` closes stdout early; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command()
  .name("rag")
  .description("Vertical-domain RAG starter: ingest a corpus, ask questions, serve over HTTP.")
  .showHelpAfterError();

for (const register of [registerIngest, registerAsk, registerServe, registerCorpusNew, registerEval, registerCalibrate, registerTune]) register(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof AppError) console.error(`Error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
