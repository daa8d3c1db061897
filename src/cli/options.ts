import { InvalidArgumentError } from "commander";
import type { ConfigOverrides } from "../config/config.js";

/** Commander parser for a positive integer option. */
export function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError("must be a positive integer");
  return parsed;
}

/** The options every command shares, as config overrides (CLI flags win over the environment). */
export function overridesFrom(options: { corpus?: string; topK?: number; port?: number; dataDir?: string }): ConfigOverrides {
  return { corpus: options.corpus, "retrieval.topK": options.topK, port: options.port, dataDir: options.dataDir };
}

export const formatMs = (ms: number): string => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
