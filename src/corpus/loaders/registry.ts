import path from "node:path";
import type { DocumentLoader } from "../types.js";
import { csvLoader } from "./csv-loader.js";
import { docxLoader } from "./docx-loader.js";
import { htmlLoader } from "./html-loader.js";
import { jsonlLoader } from "./jsonl-loader.js";
import { markdownLoader } from "./markdown-loader.js";
import { pdfLoader } from "./pdf-loader.js";
import { textLoader } from "./text-loader.js";

/** Every loader the project ships; a new format is one more entry here (and its extension in the manifest's default `include`). */
export const LOADERS: readonly DocumentLoader[] = [markdownLoader, textLoader, pdfLoader, docxLoader, htmlLoader, csvLoader, jsonlLoader];

/** The loader for a file, chosen by its extension, or undefined when no loader handles it. */
export function loaderFor(filePath: string, loaders: readonly DocumentLoader[] = LOADERS): DocumentLoader | undefined {
  const extension = path.extname(filePath).toLowerCase();
  return loaders.find((loader) => loader.extensions.includes(extension));
}
