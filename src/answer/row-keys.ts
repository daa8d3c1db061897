import { columnDateRange, dateIn, type DayRange, yearsIn } from "../text/periods.js";

/** A numeric range a table row's first cell covers: "13 to 36 months", "$25,000 and above", "12 months or less". */
export interface NumericRange {
  low: number;
  high: number;
  /** The bound is not in the range ("less than 99.5%", "more than 36 months"). */
  lowOpen?: boolean;
  highOpen?: boolean;
}

const NUMBER = /(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|m|million|bn|billion)?\b/gi;
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };

/** The numbers in a text, with "k"/"million" suffixes applied: "$60k" -> 60000. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBER)].map((match) => Number(match[1]!.replace(/,/g, "")) * (SCALE[(match[2] ?? "").toLowerCase()] ?? 1)).filter(Number.isFinite);
}

const AT_MOST = /\b(?:or less|or fewer|or under|and under|and below|or below|up to|under|less than|fewer than|below|at most|no more than|maximum|max)\b/i;
const AT_LEAST = /\b(?:and above|or above|and over|or over|or more|and more|and up|over|above|more than|at least|minimum|min)\b|\+/i;
// A bound the word comes before is outside the range: "fewer than 90 days" does not hold 90; "90 days or fewer" and "$25,000 and above" hold theirs.
const BELOW = /\b(?:under|less than|fewer than|below)\s*[$€£]?\d/i;
const ABOVE = /\b(?:over|above|more than)\s*[$€£]?\d/i;
const BETWEEN = /\b(?:to|through|thru|and)\b|[-–—]/;

/** The range a row key covers, or undefined when it names no number. */
export function rowRange(key: string): NumericRange | undefined {
  // "12 months or less (3, 6 and 12 months)": the part before a parenthesis says the range.
  const head = key.replace(/\(.*$/, "");
  const numbers = numbersIn(head);
  if (numbers.length === 0) return undefined;
  const first = numbers[0]!;
  // "Less than 99.5% but at least 99.0%": bounded on both sides.
  if (AT_MOST.test(head) && AT_LEAST.test(head) && numbers.length >= 2) return { low: Math.min(...numbers), high: Math.max(...numbers), ...(BELOW.test(head) ? { highOpen: true } : {}) };
  if (AT_MOST.test(head)) return { low: -Infinity, high: Math.max(...numbers), ...(BELOW.test(head) ? { highOpen: true } : {}) };
  if (AT_LEAST.test(head) && numbers.length === 1) return { low: first, high: Infinity, ...(ABOVE.test(head) ? { lowOpen: true } : {}) };
  if (numbers.length >= 2 && BETWEEN.test(head)) return { low: Math.min(first, numbers[1]!), high: Math.max(first, numbers[1]!) };
  return { low: first, high: first };
}

/** A number of a question, with the length in days of the period unit written after it ("5 years", "60-month", "90 days"), if one is. */
export interface Quantity {
  value: number;
  unitDays?: number;
  /** A size of two numbers ("5x10" for "5 x 10"): it fits only a key of the same size. */
  size?: string;
}

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 365.25 / 12, year: 365.25, yr: 365.25 };
const UNIT_SLACK = 0.02;
const PERIOD_UNIT = /^[\s-]*(day|week|month|year|yr)s?\b/i;

/** The period unit written right after a position of a text, in days. */
const unitAfter = (text: string, at: number): number | undefined => {
  const unit = PERIOD_UNIT.exec(text.slice(at))?.[1]?.toLowerCase();
  return unit ? UNIT_DAYS[unit] : undefined;
};

// A size of two numbers: "5 x 10", "5x10", "10×10".
const SIZE = /\b(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)(?![\d.])/gi;
const sizeKey = (match: RegExpMatchArray) => `${Number(match[1])}x${Number(match[2])}`;

/** The numbers of a text (as `numbersIn`), each with the period unit written after it ("a 5 year CD" -> 5 years), and its sizes ("a 5x10 box") as one quantity each. */
export function quantitiesIn(text: string): Quantity[] {
  const sizes = [...text.matchAll(SIZE)];
  const inSize = (at: number) => sizes.some((match) => at >= match.index && at < match.index + match[0].length);
  return [
    ...sizes.map((match) => ({ value: Number(match[1]), size: sizeKey(match) })),
    ...[...text.matchAll(NUMBER)].flatMap((match) => {
      const value = Number(match[1]!.replace(/,/g, "")) * (SCALE[(match[2] ?? "").toLowerCase()] ?? 1);
      if (!Number.isFinite(value) || inSize(match.index)) return [];
      const unitDays = unitAfter(text, match.index + match[0].length);
      return [unitDays === undefined ? { value } : { value, unitDays }];
    }),
  ];
}

/** The period unit of a row key's numbers ("13 to 36 months", "Terms over 36 months"), in days: the first written after one of them. */
function keyUnitDays(head: string): number | undefined {
  for (const match of head.matchAll(NUMBER)) {
    const unitDays = unitAfter(head, match.index + match[0].length);
    if (unitDays !== undefined) return unitDays;
  }
  return undefined;
}

/**
 * How a row key fits the numbers of a question: 1 when one of them falls in the row's range (an exact
 * mention counts too), -1 when the row names numbers and none of the question's fit, 0 when either
 * side has no number. A key counting a period unit ("12 months or less") is compared with the
 * question's lengths of time in its unit ("a 5 year CD" is 60 months: not 12 months or less), and
 * only with those when the question states any; a key that is a size ("5 x 10") with the question's
 * size ("a 5x10 box").
 */
export function rowKeyFit(key: string, question: readonly Quantity[]): -1 | 0 | 1 {
  const range = rowRange(key);
  if (!range || question.length === 0) return 0;
  const head = key.replace(/\(.*$/, "");
  // A key that is a size ("5 x 10") fits the question's size of the same numbers, and no other.
  const keySize = [...head.matchAll(SIZE)][0];
  const sizes = question.filter((quantity) => quantity.size !== undefined);
  if (keySize && sizes.length > 0) return sizes.some((quantity) => quantity.size === sizeKey(keySize)) ? 1 : -1;
  // Months and years are no whole number of days or weeks: a length read in another unit is let off by `UNIT_SLACK` ("3 months" is the "90 days" row),
  // and an open bound ("less than 99.5%") is left out only when the value is in the key's own unit (across units it is too close to call).
  const inRange = (value: number, slack: number) => {
    const tolerance = (bound: number) => Math.abs(bound) * (slack + 1e-9);
    const aboveLow = range.lowOpen && slack === 0 ? value > range.low + tolerance(range.low) : value >= range.low - tolerance(range.low);
    const belowHigh = range.highOpen && slack === 0 ? value < range.high - tolerance(range.high) : value <= range.high + tolerance(range.high);
    return aboveLow && belowHigh;
  };
  const keyDays = keyUnitDays(head);
  const periods = keyDays === undefined ? [] : question.filter((quantity) => quantity.unitDays !== undefined);
  if (periods.length > 0) return periods.some((quantity) => inRange((quantity.value * quantity.unitDays!) / keyDays!, quantity.unitDays === keyDays ? 0 : UNIT_SLACK)) ? 1 : -1;
  return question.some((quantity) => inRange(quantity.value, 0)) ? 1 : -1;
}

const SUB_PERIOD = /\b(?:q[1-4]|h[12])\b/gi;
const ORDINAL_QUARTER: Record<string, string> = { first: "q1", second: "q2", third: "q3", fourth: "q4" };
// Words a period heading may hold besides its year and quarter ("Fiscal 2025", "December 31, 2025", "Year ended 2024").
const PERIOD_WORD =
  /^(?:fy|fiscal|year|years|ended|ending|as|of|at|the|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|fy|cy|fy\d{2,4}|cy\d{4}|q[1-4]|h[12]|\d{1,4}|\d{2,4}e)$/i;

/** The years and quarters a text names: "Q3 2026" -> {2026, q3}; "third quarter of 2026" -> {2026, q3}; and its first dated day or month. */
export function periodsIn(text: string): { years: Set<string>; parts: Set<string>; date?: DayRange } {
  const lower = text.toLowerCase().replace(/\b(first|second|third|fourth) quarter\b/g, (_, ordinal: string) => ORDINAL_QUARTER[ordinal]!);
  const date = dateIn(text);
  return { years: new Set(yearsIn(lower)), parts: new Set((lower.match(SUB_PERIOD) ?? []).map((part) => part.toLowerCase())), ...(date ? { date } : {}) };
}

/** True when a column heading is nothing but a period ("2025", "Q3 2026", "December 31, 2025"), not "Change vs Q2 2026". */
export function isPeriodColumn(column: string): boolean {
  const words = column.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return yearsIn(column).length > 0 && words.every((word) => PERIOD_WORD.test(word));
}

// A table's column headings repeat on every row and every question: their reading is kept (bounded).
const COLUMN_CACHE_LIMIT = 10_000;
const columnCache = new Map<string, ReturnType<typeof periodsIn> | null>();

/** The periods of a column heading that is only a period, else undefined (cached). */
function columnPeriods(column: string): ReturnType<typeof periodsIn> | undefined {
  let periods = columnCache.get(column);
  if (periods === undefined) {
    periods = isPeriodColumn(column) ? periodsIn(column) : null;
    if (columnCache.size >= COLUMN_CACHE_LIMIT) columnCache.delete(columnCache.keys().next().value!);
    columnCache.set(column, periods);
  }
  return periods ?? undefined;
}

/**
 * How a table column fits the period a question names: 1 when the column is that period (its years and
 * quarter all named by the question, and the question's quarter, if any, in the column), -1 when the
 * column is another period, 0 when the column is no period or the question names none.
 */
export function periodFit(column: string, question: ReturnType<typeof periodsIn>): -1 | 0 | 1 {
  if (question.years.size === 0) return 0;
  // A column bounded by a date ("Before July 1, 2026", "From July 1, 2026"): the question's date or month falls in it, or not.
  const range = question.date ? columnDateRange(column) : undefined;
  if (range && question.date) return question.date.first >= range.from && question.date.last <= range.to ? 1 : -1;
  const own = columnPeriods(column);
  if (!own) return 0;
  const yearsFit = [...own.years].every((year) => question.years.has(year));
  const partsFit = own.parts.size === question.parts.size && [...own.parts].every((part) => question.parts.has(part));
  return yearsFit && partsFit ? 1 : -1;
}

/** The unit of a table's plain-number cells: "$" and " million" from a caption "($ millions, except per-share data)", or from the row's own "($)" or "(millions)", which wins. */
export interface CellUnit {
  prefix: string;
  suffix: string;
}

const UNIT_NOTE = /\(\s*(?:in\s+)?([$€£¥])?\s*(?:in\s+)?(thousands|millions|billions)?(?:\s+of\s+(?:dollars|euros))?\s*(?:[,;)]|except\b)/i;
const SCALE_WORD: Record<string, string> = { thousands: " thousand", millions: " million", billions: " billion" };

function unitNote(text: string): CellUnit | undefined {
  for (const match of text.matchAll(new RegExp(UNIT_NOTE.source, "gi"))) {
    const [, currency = "", scale = ""] = match;
    if (currency === "" && scale === "") continue;
    const dollars = /of dollars/i.test(match[0]) ? "$" : "";
    return { prefix: currency || dollars, suffix: SCALE_WORD[scale.toLowerCase()] ?? "" };
  }
  return undefined;
}

/** The unit the plain numbers of a table row are in: the row key's own note, else the caption's. */
export function cellUnit(caption: string | undefined, key: string): CellUnit | undefined {
  return unitNote(key) ?? (caption ? unitNote(caption) : undefined);
}

/** A plain-number cell read with its unit ("96.4" in $ millions -> "$96.4 million"); any other cell as it stands. */
export function readCell(value: string, unit: CellUnit | undefined): string {
  if (!unit || !/^-?\d[\d,]*(?:\.\d+)?$/.test(value.trim())) return value;
  const trimmed = value.trim();
  const sign = trimmed.startsWith("-") ? "-" : "";
  return `${sign}${unit.prefix}${trimmed.replace(/^-/, "")}${unit.suffix}`;
}
