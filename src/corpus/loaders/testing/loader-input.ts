import { createHash } from "node:crypto";
import type { LoaderInput, LoaderSettings } from "../../types.js";

/** A LoaderInput for a file that exists only in memory (tests). */
export function loaderInput(relativePath: string, content: string | Buffer, settings: LoaderSettings = {}): LoaderInput {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return {
    absolutePath: `/corpus/${relativePath}`,
    relativePath,
    content: bytes,
    contentHash: createHash("sha256").update(bytes).digest("hex"),
    settings,
  };
}
