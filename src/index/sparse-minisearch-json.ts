import { z } from "zod";
import { SPARSE_FIELDS, type SparsePostings } from "./sparse-postings.js";

/**
 * The parts of MiniSearch's saved index (serialization version 2) that searching reads: the
 * full-text index of builds made before the postings file. The large parts (postings, lengths, ids)
 * are checked entry by entry as they are read, not copied by the parse.
 */
const SavedSparseSchema = z.object({
  documentCount: z.number().int().nonnegative(),
  documentIds: z.record(z.string(), z.unknown()),
  fieldIds: z.record(z.string(), z.number().int().nonnegative()),
  fieldLength: z.record(z.string(), z.unknown()),
  averageFieldLength: z.array(z.number()),
  index: z.array(z.unknown()),
  serializationVersion: z.literal(2),
});

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function invalid(what: string): never {
  throw new Error(`the full-text index is damaged: ${what}`);
}

/** MiniSearch's saved index (parsed JSON) as flat postings, in the order MiniSearch's loaded index iterates them. */
export function postingsFromMiniSearchJSON(json: unknown): SparsePostings {
  const saved = SavedSparseSchema.parse(json);
  let size = 0;
  for (const shortId of Object.keys(saved.documentIds)) size = Math.max(size, Number(shortId) + 1);
  if (!Number.isInteger(size)) invalid("a document number is not an integer");
  const labels = new Int32Array(size).fill(-1);
  for (const [shortId, id] of Object.entries(saved.documentIds)) {
    const label = Number(id);
    if (!Number.isInteger(label)) invalid(`document ${shortId} has id ${String(id)}, not a chunk number`);
    labels[Number(shortId)] = label;
  }
  const fieldIds = SPARSE_FIELDS.map((field) => {
    const id = saved.fieldIds[field];
    if (id === undefined) throw new Error(`the full-text index has no field "${field}"`);
    return id;
  });
  const fieldLengths = fieldIds.map((fieldId) => {
    const lengths = new Int32Array(size);
    for (const [shortId, perField] of Object.entries(saved.fieldLength)) {
      const length = Array.isArray(perField) ? perField[fieldId] : undefined;
      if (typeof length !== "number" || !Number.isInteger(length)) invalid(`document ${shortId} has no length for field ${fieldId}`);
      lengths[Number(shortId)] = length;
    }
    return lengths;
  });
  const entries = saved.index.map((entry): [string, Record<string, Record<string, unknown>>] => {
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || !isRecord(entry[1])) invalid("a term entry is not [term, postings]");
    return entry as [string, Record<string, Record<string, unknown>>];
  });
  let total = 0;
  for (const [, fields] of entries) for (const fieldId of fieldIds) total += Object.keys(fields[String(fieldId)] ?? {}).length;
  const starts = new Int32Array(entries.length * SPARSE_FIELDS.length + 1);
  const docs = new Int32Array(total);
  const frequencies = new Int32Array(total);
  let position = 0;
  entries.forEach(([term, fields], termId) => {
    fieldIds.forEach((fieldId, field) => {
      starts[termId * SPARSE_FIELDS.length + field] = position;
      // Object key order (integer keys ascending) is the order MiniSearch's loaded postings iterate in.
      for (const [shortId, frequency] of Object.entries(fields[String(fieldId)] ?? {})) {
        if (typeof frequency !== "number" || !Number.isInteger(frequency)) invalid(`term "${term}" has a frequency that is not a whole number`);
        docs[position] = Number(shortId);
        frequencies[position] = frequency;
        position += 1;
      }
    });
  });
  starts[entries.length * SPARSE_FIELDS.length] = position;
  return {
    documentCount: saved.documentCount,
    labels,
    terms: entries.map(([term]) => term),
    starts,
    docs,
    frequencies,
    fieldLengths,
    averageFieldLength: fieldIds.map((fieldId) => saved.averageFieldLength[fieldId]!),
  };
}
