import type { DocumentLoader, LoaderInput, LoadResult, SourceDocument } from "../types.js";
import { idFromPath, titleFromPath } from "./metadata.js";

/** Plain text: the id and title come from the file name; paragraphs are separated by blank lines. */
export const textLoader: DocumentLoader = {
  format: "text",
  extensions: [".txt"],
  async load(input: LoaderInput): Promise<LoadResult> {
    const document: SourceDocument = {
      id: idFromPath(input.relativePath),
      title: titleFromPath(input.relativePath),
      text: input.content.toString("utf8").replace(/\r\n?/g, "\n"),
      format: "text",
      sourcePath: input.relativePath,
      contentHash: input.contentHash,
      metadata: {},
    };
    return { documents: [document], problems: [] };
  },
};
