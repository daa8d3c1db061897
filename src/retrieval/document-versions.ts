import type { MetadataValue } from "../corpus/types.js";
import type { IndexManifest } from "../index/index-manifest.js";
import type { MissingName } from "./names.js";

/** Where a document stands in its family of versions (same `family`, different effective dates). */
export interface VersionInfo {
  family: string;
  effectiveDate: string;
  /** The document's title, for naming the versions the corpus has (the family's name without it). */
  title?: string;
  /** True when a newer document of the same family exists. */
  superseded: boolean;
}

/** Version information of every document that has a `family` and an `effective_date`. */
export function buildVersions(documents: IndexManifest["documents"]): Map<string, VersionInfo> {
  const families = new Map<string, Array<{ id: string; date: string; title: string }>>();
  for (const document of documents) {
    const metadata = document.metadata as Record<string, MetadataValue>;
    const family = typeof metadata.family === "string" ? metadata.family : undefined;
    const date = typeof metadata.effective_date === "string" ? metadata.effective_date : undefined;
    if (!family || !date) continue;
    families.set(family, [...(families.get(family) ?? []), { id: document.id, date, title: document.title }]);
  }
  const versions = new Map<string, VersionInfo>();
  for (const [family, members] of families) {
    const newest = members.reduce((latest, member) => (member.date > latest ? member.date : latest), "");
    for (const member of members) versions.set(member.id, { family, effectiveDate: member.date, title: member.title, superseded: member.date < newest });
  }
  return versions;
}

export const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** The dates a question names. */
export interface QuestionDates {
  /** "2026-03" for "March 2026" or "2026-03-01". */
  yearMonths: Set<string>;
  years: Set<string>;
}

/** Year-months and years the question mentions. */
export function findDates(question: string): QuestionDates {
  const lowered = question.toLowerCase();
  const yearMonths = new Set<string>();
  const years = new Set<string>();
  for (const match of lowered.matchAll(/\b(20\d\d)-(\d\d)(?:-\d\d)?\b/g)) yearMonths.add(`${match[1]}-${match[2]}`);
  for (const match of lowered.matchAll(new RegExp(`\\b(${MONTHS.join("|")})\\s+(?:\\d{1,2},?\\s+)?(20\\d\\d)\\b`, "g"))) {
    yearMonths.add(`${match[2]}-${String(MONTHS.indexOf(match[1]!) + 1).padStart(2, "0")}`);
  }
  // "2026", "FY2018", "fiscal 2019"; never part of a longer number.
  for (const match of lowered.matchAll(/(?<![\d.,$])((?:19|20)\d\d)(?![\d,]|\.\d)/g)) years.add(match[1]!);
  return { yearMonths, years };
}

// "before the March 2025 returns policy", "prior to 2026": the time before a date.
const BEFORE_DATE = new RegExp(`\\b(?:before|prior to|earlier than)\\s+(?:the\\s+)?(?:(${MONTHS.join("|")})\\s+(?:\\d{1,2},?\\s+)?)?((?:19|20)\\d\\d)\\b`, "i");

/**
 * A version older than any the documents have: the question asks about the time before a date
 * ("What was the return window before the March 2025 returns policy took effect?") and names a
 * family of versioned documents whose earliest version takes effect on or after that date. The
 * result names what is missing and the versions the documents do have.
 */
export function missingEarlierVersion(question: string, namedDocIds: ReadonlySet<string>, versions: ReadonlyMap<string, VersionInfo>): MissingName | undefined {
  const match = BEFORE_DATE.exec(question);
  if (!match) return undefined;
  const month = match[1] ? MONTHS.indexOf(match[1].toLowerCase()) + 1 : 1;
  const before = `${match[2]}-${String(month).padStart(2, "0")}`;
  const families = new Set([...namedDocIds].flatMap((docId) => versions.get(docId)?.family ?? []));
  for (const family of families) {
    const members = [...versions.values()].filter((version) => version.family === family).sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
    if (members[0]!.effectiveDate.slice(0, 7) < before) continue;
    const name = (members[0]!.title ?? family).replace(/\s*\([^)]*\)\s*$/, "");
    return { name: `a ${name} from before ${match[0].replace(/^\S+\s+(?:to\s+|than\s+)?(?:the\s+)?/i, "")}`, close: members.map((member) => member.title ?? `${family} ${member.effectiveDate}`) };
  }
  return undefined;
}

const OLDER_VERSION_WORDS = /\b(previous|prior|old|older|earlier|former|superseded|replaced|before)\b/i;

/** True when the question asks about an earlier version ("the previous rate sheet"). */
export function asksForOlderVersion(question: string): boolean {
  return OLDER_VERSION_WORDS.test(question);
}

/** True when a superseded version should be demoted: the question names neither its date nor an earlier version. */
export function isUnaskedOldVersion(version: VersionInfo | undefined, dates: QuestionDates, asksForOlder: boolean): boolean {
  return version !== undefined && version.superseded && !asksForOlder && !dates.yearMonths.has(version.effectiveDate.slice(0, 7));
}

/**
 * The years each document is about, from its title, its file name and its date metadata
 * ("Alder_Ridge_Pharma_2018_10K.pdf" -> 2018; effective_date 2026-03-01 -> 2026). Documents
 * without one are not in the map.
 */
export function documentYears(documents: IndexManifest["documents"]): Map<string, Set<string>> {
  const years = new Map<string, Set<string>>();
  for (const document of documents) {
    const metadata = document.metadata as Record<string, MetadataValue>;
    const dated = Object.values(metadata).filter((value): value is string => typeof value === "string" && /^(?:19|20)\d\d(?:-\d\d)?(?:-\d\d)?$/.test(value));
    const text = [document.title, document.sourcePath.split("/").at(-1) ?? "", ...dated].join(" ");
    const found = new Set(text.match(/(?<![\d])(?:19|20)\d\d(?![\d])/g) ?? []);
    if (found.size > 0) years.set(document.id, found);
  }
  return years;
}
