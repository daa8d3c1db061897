import matter from "gray-matter";
import { CorpusError } from "../../errors.js";
import type { DocumentLoader, LoaderInput, LoadResult, SourceDocument } from "../types.js";
import { idFromPath, normaliseMetadata, titleFromPath } from "./metadata.js";

const ID_PATTERN = /^[a-z0-9][a-z0-9/_-]*$/;

/** Markdown with optional YAML front matter. `id` and `title` come from the front matter when present. */
export const markdownLoader: DocumentLoader = {
  format: "markdown",
  extensions: [".md", ".markdown"],
  async load(input: LoaderInput): Promise<LoadResult> {
    let parsed: matter.GrayMatterFile<string>;
    try {
      // An empty options object bypasses gray-matter's cache, which would share data between equal inputs.
      parsed = matter(input.content.toString("utf8"), {});
    } catch (error) {
      throw new CorpusError(`${input.relativePath}: invalid front matter: ${(error as Error).message}`, { cause: error });
    }
    const metadata = normaliseMetadata(parsed.data);
    const id = typeof metadata.id === "string" ? metadata.id : idFromPath(input.relativePath);
    if (!ID_PATTERN.test(id)) {
      throw new CorpusError(`${input.relativePath}: front matter id "${id}" must use lower-case letters, digits, '-', '_' and '/'.`);
    }
    const firstHeading = /^#\s+(.+)$/m.exec(parsed.content)?.[1]?.trim();
    const title = typeof metadata.title === "string" ? metadata.title : firstHeading ?? titleFromPath(input.relativePath);
    delete metadata.id;
    delete metadata.title;
    const document: SourceDocument = {
      id,
      title,
      text: parsed.content,
      format: "markdown",
      sourcePath: input.relativePath,
      contentHash: input.contentHash,
      metadata,
    };
    return { documents: [document], problems: [] };
  },
};
