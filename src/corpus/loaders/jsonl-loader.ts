import { z } from "zod";
import { CorpusError } from "../../errors.js";
import { JsonlFieldsSchema } from "../manifest.js";
import type { DocumentLoader, LoaderInput, LoadProblem, LoadResult, SourceDocument } from "../types.js";
import { idFromPath, normaliseMetadata, recordId, titleFromPath } from "./metadata.js";
import { UniqueIds } from "./unique-ids.js";

type JsonlFields = z.infer<typeof JsonlFieldsSchema>;

const JsonObjectSchema = z.record(z.string(), z.unknown());

/** One line's mapped fields, read out of the line under their canonical names. */
const RecordSchema = z.object({
  id: z.union([z.string().trim().min(1), z.number()], { error: "must be a non-empty string or a number" }).optional(),
  title: z.string({ error: "must be a string" }).optional(),
  text: z.string({ error: "must be a string" }).trim().min(1, { error: "must not be empty" }),
  metadata: JsonObjectSchema.optional(),
});

/** Why a line does not match, naming each failing field as the file spells it, e.g. `field "body" is missing`. */
function describeIssues(error: z.ZodError, fields: JsonlFields, candidate: Record<string, unknown>): string {
  return error.issues
    .map((issue) => {
      const key = issue.path[0];
      const field = key === "id" || key === "title" || key === "text" || key === "metadata" ? fields[key] : String(key);
      if (typeof key === "string" && candidate[key] === undefined) return `field "${String(field)}" is missing`;
      return `field "${String(field)}" ${key === "metadata" ? "must be an object" : issue.message}`;
    })
    .join("; ");
}

/** The line's metadata: the mapped object field, or the listed top-level fields. */
function pickMetadata(values: Record<string, unknown>, fields: JsonlFields, metadataObject: Record<string, unknown> | undefined) {
  if (typeof fields.metadata === "string") return normaliseMetadata(metadataObject ?? {});
  return normaliseMetadata(Object.fromEntries(fields.metadata.filter((name) => name in values).map((name) => [name, values[name]])));
}

/**
 * JSONL: one JSON object per line, one document (format "text") per line. Fields default to
 * `{id, title, text, metadata}` and are renamed by corpus.json `jsonl.fields`. Document id: the record's id
 * exactly as written (`<file id>/<id>` only if another document already has it), or `<file id>/line-<n>` without one. A line that is not valid JSON, lacks text, or repeats an id is
 * reported with its line number and skipped; the other lines still load.
 */
export const jsonlLoader: DocumentLoader = {
  format: "text",
  extensions: [".jsonl"],
  async load(input: LoaderInput): Promise<LoadResult> {
    const fields = input.settings.jsonl?.fields ?? JsonlFieldsSchema.parse({});
    const fileId = idFromPath(input.relativePath);
    const fileTitle = titleFromPath(input.relativePath);
    const ids = new UniqueIds();
    const documents: SourceDocument[] = [];
    const problems: LoadProblem[] = [];
    const lines = input.content.toString("utf8").replace(/^\uFEFF/, "").split(/\r?\n/);
    lines.forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === "") return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        problems.push({ line, reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
        return;
      }
      const object = JsonObjectSchema.safeParse(json);
      if (!object.success) {
        problems.push({ line, reason: "not a JSON object" });
        return;
      }
      const values = object.data;
      const candidate = {
        id: values[fields.id],
        title: values[fields.title],
        text: values[fields.text],
        metadata: typeof fields.metadata === "string" ? values[fields.metadata] : undefined,
      };
      const parsed = RecordSchema.safeParse(candidate);
      if (!parsed.success) {
        problems.push({ line, reason: describeIssues(parsed.error, fields, candidate) });
        return;
      }
      const record = parsed.data;
      const key = record.id === undefined ? `line-${line}` : String(record.id).trim();
      // A record's own id is kept exactly as written; only a record without one gets an id from the file.
      const id = record.id === undefined ? recordId(fileId, key) : key;
      const duplicate = ids.claim(id, line);
      if (duplicate) {
        problems.push({ line, reason: duplicate });
        return;
      }
      const title = record.title?.trim() || (record.id === undefined ? `${fileTitle}, line ${line}` : `${fileTitle}: ${key}`);
      documents.push({
        id,
        ...(record.id === undefined ? {} : { fallbackId: recordId(fileId, key) }),
        title,
        text: record.text.replace(/\r\n?/g, "\n"),
        format: "text",
        sourcePath: input.relativePath,
        contentHash: input.contentHash,
        metadata: { ...pickMetadata(values, fields, record.metadata), line },
      });
    });
    if (documents.length === 0 && problems.length === 0) throw new CorpusError(`${input.relativePath} has no records (one JSON object per line).`);
    return { documents, problems };
  },
};
