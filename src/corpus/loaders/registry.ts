import path from "node:path";
import type { DocumentLoader } from "../types.js";
import { markdownLoader } from "./markdown-loader.js";
import { textLoader } from "./text-loader.js";

/** Every loader the project ships; a new format is one more entry here. */
export const LOADERS: readonly DocumentLoader[] = [markdownLoader, textLoader];

/** The loader for a file, chosen by its extension, or undefined when no loader handles it. */
export function loaderFor(filePath: string, loaders: readonly DocumentLoader[] = LOADERS): DocumentLoader | undefined {
  const extension = path.extname(filePath).toLowerCase();
  return loaders.find((loader) => loader.extensions.includes(extension));
}
