import type { MetadataValue } from "../corpus/types.js";
import { isUnaskedOldVersion } from "../retrieval/document-versions.js";
import type { Query } from "../retrieval/query.js";
import type { RetrievedChunk } from "../retrieval/types.js";
import { findValues } from "../text/values.js";
import { normaliseValue } from "./answer-type.js";
import { passagesOf } from "./passages.js";

/** Words after which a value is the one replaced ("at least 99.95%, instead of 99.9%"; "instead of at least 99.9%"). */
const REPLACED_AFTER = /\b(?:instead of|in place of|rather than|replacing|replaces|formerly|previously)\b[^.;:!?"]{0,20}$/i;
/** Words before which a value is the one replaced ("'60 days' is replaced with '90 days'"). */
const REPLACED_BEFORE = /^["'”’)\s]*(?:is|are)\s+(?:replaced|superseded)\s+(?:with|by)\b/i;
/** How far from the cue a replaced value may stand (characters). */
const CUE_REACH = 40;

/** A value's identity across spellings ("99.9%" and "99.90%"): its kind and number, else its normalised text. */
function valueKey(text: string): string {
  const found = findValues(text)[0];
  return found?.number !== undefined ? `${found.kind}:${found.number}` : normaliseValue(text);
}

/** The values a text declares replaced ("instead of 99.9%", "'60 days' is replaced with ..."), by `valueKey`. */
export function replacedValues(text: string): Set<string> {
  const replaced = new Set<string>();
  for (const value of findValues(text)) {
    const before = text.slice(Math.max(0, value.index - CUE_REACH), value.index);
    const after = text.slice(value.index + value.text.length, value.index + value.text.length + CUE_REACH + 60);
    // "instead of 99.9%": the cue right before the value.
    const cueBefore = REPLACED_AFTER.test(before);
    // '"at least 60 days before the end ..." is replaced with': the value in the quoted or named text before the cue.
    const closing = after.search(/["”]\s+(?:is|are)\s+(?:replaced|superseded)\s+(?:with|by)\b/i);
    const cueAfter = REPLACED_BEFORE.test(after) || (closing >= 0 && !/["“”]/.test(after.slice(0, closing)));
    if (cueBefore || cueAfter) replaced.add(valueKey(value.text));
  }
  return replaced;
}

const effectiveDate = (chunk: Pick<RetrievedChunk, "metadata">): string | undefined => {
  const date = (chunk.metadata as Record<string, MetadataValue>).effective_date;
  return typeof date === "string" && /^\d{4}-\d\d(?:-\d\d)?$/.test(date) ? date : undefined;
};

const familyOf = (chunk: Pick<RetrievedChunk, "metadata">): string | undefined => {
  const family = (chunk.metadata as Record<string, MetadataValue>).family;
  return typeof family === "string" && family !== "" ? family : undefined;
};

/** Which versions of the documents among the chunks are out of date for a question. */
export interface CurrentVersions {
  /** True when the n-th chunk is an older version of a document whose newer version is also among the chunks. */
  olderVersion(n: number): boolean;
  /** True when the n-th chunk states `value` and a later document among the chunks declares that value replaced. */
  replacedValue(n: number, value: string): boolean;
}

/**
 * The chunks' version standing, from their documents' version metadata (`family` and
 * `effective_date`) and from later-dated documents that say which value they replace (an amendment:
 * "at least 99.95%, instead of 99.9%"). A question that names a version's date or asks for an
 * earlier version ("the previous rate sheet") finds nothing out of date; the question's dates and that
 * wish are read once, by the retriever (`Query.dates`, `Query.asksForOlder`).
 */
export function currentVersions(query: Pick<Query, "dates" | "asksForOlder">, chunks: readonly RetrievedChunk[]): CurrentVersions {
  const { dates, asksForOlder } = query;
  const unasked = (date: string) => isUnaskedOldVersion({ family: "", effectiveDate: date, superseded: true }, dates, asksForOlder);
  // The newest date of each family among the chunks.
  const newest = new Map<string, string>();
  for (const chunk of chunks) {
    const family = familyOf(chunk);
    const date = effectiveDate(chunk);
    if (family && date && date > (newest.get(family) ?? "")) newest.set(family, date);
  }
  // Each replaced value, with the latest date of a document that declares it replaced.
  const replacedOn = new Map<string, string>();
  for (const chunk of chunks) {
    const date = effectiveDate(chunk);
    if (!date) continue;
    for (const passage of passagesOf(chunk)) for (const value of replacedValues(passage.text)) if (date > (replacedOn.get(value) ?? "")) replacedOn.set(value, date);
  }
  const dateOf = (n: number) => {
    const chunk = chunks[n - 1];
    return chunk ? effectiveDate(chunk) : undefined;
  };
  return {
    olderVersion(n) {
      const chunk = chunks[n - 1];
      const family = chunk ? familyOf(chunk) : undefined;
      const date = dateOf(n);
      return family !== undefined && date !== undefined && date < newest.get(family)! && unasked(date);
    },
    replacedValue(n, value) {
      const date = dateOf(n);
      const replacedBy = replacedOn.get(valueKey(value));
      return date !== undefined && replacedBy !== undefined && date < replacedBy && unasked(date);
    },
  };
}
