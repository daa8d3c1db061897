import { parse } from "csv-parse/sync";
import { CorpusError } from "../../errors.js";
import type { CsvSettings } from "../manifest.js";
import type { DocumentLoader, LoaderInput, LoadProblem, LoadResult, MetadataValue, SourceDocument } from "../types.js";
import { idFromPath, recordId, titleFromPath } from "./metadata.js";
import { UniqueIds } from "./unique-ids.js";

interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts (a quoted value may span lines). */
  line: number;
}

function readRecords(input: LoaderInput): CsvRecord[] {
  const records: CsvRecord[] = [];
  try {
    parse(input.content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (fields: string[], context) => {
        const embeddedNewlines = fields.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
        records.push({ fields: fields.map((field) => field.trim()), line: context.lines - embeddedNewlines });
        return null;
      },
    });
  } catch (error) {
    throw new CorpusError(`${input.relativePath} is not valid CSV: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });
  }
  return records;
}

/** Checks the header and the configured columns, and settles which columns go into the text. */
function resolveColumns(input: LoaderInput, header: string[], settings: CsvSettings): { textColumns: string[] } {
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate !== undefined) throw new CorpusError(`${input.relativePath}: column "${duplicate}" appears twice in the header row; column names must be unique.`);
  if (header.some((name) => name === "")) throw new CorpusError(`${input.relativePath}: the header row has an empty column name; name every column.`);
  const configured = [settings.idColumn, settings.titleColumn, ...(settings.textColumns ?? []), ...settings.metadataColumns];
  const missing = configured.filter((name): name is string => name !== undefined && !header.includes(name));
  if (missing.length > 0) {
    throw new CorpusError(
      `${input.relativePath} has no column ${missing.map((name) => `"${name}"`).join(", ")} (corpus.json "csv"); its columns are ${header.map((name) => `"${name}"`).join(", ")}.`,
    );
  }
  const textColumns =
    settings.textColumns ?? header.filter((name) => name !== settings.idColumn && !settings.metadataColumns.includes(name));
  if (textColumns.length === 0) throw new CorpusError(`${input.relativePath}: no column is left for the text; set "csv.textColumns" in corpus.json.`);
  return { textColumns };
}

/**
 * CSV: the first row names the columns; every other row is one document (format "text") whose text is one
 * `Column: value` line per non-empty text column. Settings come from corpus.json `csv`. A row with the wrong
 * number of fields, no text, or a repeated id is reported and skipped; the other rows still load.
 */
export const csvLoader: DocumentLoader = {
  format: "text",
  extensions: [".csv"],
  async load(input: LoaderInput): Promise<LoadResult> {
    const settings: CsvSettings = input.settings.csv ?? { metadataColumns: [] };
    const [headerRecord, ...rows] = readRecords(input);
    if (!headerRecord || rows.length === 0) throw new CorpusError(`${input.relativePath} has no data rows below a header row.`);
    const header = headerRecord.fields;
    const { textColumns } = resolveColumns(input, header, settings);
    const value = (fields: string[], column: string): string => fields[header.indexOf(column)] ?? "";
    const fileId = idFromPath(input.relativePath);
    const fileTitle = titleFromPath(input.relativePath);
    const ids = new UniqueIds();
    const documents: SourceDocument[] = [];
    const problems: LoadProblem[] = [];
    rows.forEach(({ fields, line }, index) => {
      const row = index + 1;
      if (fields.length !== header.length) {
        problems.push({ line, reason: `row has ${fields.length} fields, the header has ${header.length}; check for an unquoted comma` });
        return;
      }
      const key = settings.idColumn ? value(fields, settings.idColumn) : `row-${row}`;
      if (!key) {
        problems.push({ line, reason: `empty id column "${settings.idColumn}"` });
        return;
      }
      const text = textColumns
        .filter((column) => value(fields, column) !== "")
        .map((column) => `${column}: ${value(fields, column)}`)
        .join("\n");
      if (!text) {
        problems.push({ line, reason: `no text: columns ${textColumns.map((column) => `"${column}"`).join(", ")} are empty` });
        return;
      }
      // The id column's value is kept exactly as written; without an id column the row number names the row.
      const id = settings.idColumn ? key : recordId(fileId, key);
      const duplicate = ids.claim(id, line);
      if (duplicate) {
        problems.push({ line, reason: duplicate });
        return;
      }
      const metadata: Record<string, MetadataValue> = { row };
      for (const column of settings.metadataColumns) {
        if (value(fields, column) !== "") metadata[column] = value(fields, column);
      }
      const title = (settings.titleColumn && value(fields, settings.titleColumn)) || (settings.idColumn ? `${fileTitle}: ${key}` : `${fileTitle}, row ${row}`);
      const fallbackId = settings.idColumn ? { fallbackId: recordId(fileId, key) } : {};
      documents.push({ id, ...fallbackId, title, text, format: "text", sourcePath: input.relativePath, contentHash: input.contentHash, metadata });
    });
    return { documents, problems };
  },
};
