/** The kinds of values an answer can state. */
export type ValueKind = "money" | "percent" | "duration" | "date" | "time" | "measure" | "count";

export const VALUE_KINDS: readonly ValueKind[] = ["money", "percent", "duration", "date", "time", "measure", "count"];

/** A value found in a text: its kind, the text as written, where it starts, and its number when it has one. */
export interface FoundValue {
  kind: ValueKind;
  text: string;
  index: number;
  number?: number;
}

const NUMBER = String.raw`\d[\d,]*(?:\.\d+)?`;
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const WEEKDAY = "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const SCALE = "(?:\\s?(?:million|billion|thousand|trillion|mn|bn|[mbk])\\b)?";

// Checked in this order; a later pattern never takes text an earlier one matched.
const PATTERNS: Array<[ValueKind, RegExp]> = [
  ["money", new RegExp(`(?:[-−]?[$€£¥]\\s?${NUMBER}${SCALE}|\\b${NUMBER}${SCALE}\\s?(?:dollars?|usd|eur|euros?|gbp|pounds sterling)\\b)`, "gi")],
  ["percent", new RegExp(`[-−]?${NUMBER}\\s?(?:%|percent\\b|per cent\\b|percentage points?\\b|basis points?\\b|bps\\b)`, "gi")],
  // "9 a.m.", "4:00 p.m. ET", "noon"; and a 24-hour clock with a zone or a range ("08:00 to 20:00 UTC", "14:30 CET").
  ["time", /\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s?(?:et|ct|mt|pt|utc|gmt)\b)?|\b(?:[01]?\d|2[0-3]):[0-5]\d(?=\s?(?:utc|gmt|cet|cest|et|ct|mt|pt|bst|hrs?\b|h\b|to\s+(?:[01]?\d|2[0-3]):[0-5]\d|[-–]\s?(?:[01]?\d|2[0-3]):[0-5]\d))(?:\s?(?:utc|gmt|cet|cest|et|ct|mt|pt|bst)\b)?|(?<=\d:[0-5]\d\s?(?:to\s+|[-–]\s?))(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?(?:utc|gmt|cet|cest|et|ct|mt|pt|bst)\b)?|\bnoon\b|\bmidnight\b/gi],
  [
    "date",
    new RegExp(
      `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b|\\b\\d{1,2}\\s+${MONTH}\\s+\\d{4}\\b|\\b${MONTH}\\s+\\d{4}\\b|\\b\\d{4}-\\d\\d-\\d\\d\\b|\\b${WEEKDAY}\\b|\\b(?:q[1-4]|first|second|third|fourth)\\s+(?:quarter\\s+(?:of\\s+)?)?(?:fiscal\\s+)?\\d{4}\\b|\\b(?:fiscal|fy)\\s?\\d{2,4}\\b|\\b(?:19|20)\\d\\d\\b`,
      "gi",
    ),
  ],
  [
    "duration",
    new RegExp(`\\b${NUMBER}[\\s-](?:business |calendar |banking |working )?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)\\b`, "gi"),
  ],
  // How often, as a period: "once a year", "twice a month", "3 times per week", "every quarter", "every other month".
  ["duration", new RegExp(`\\b(?:(?:once|twice|(?:three|four|${NUMBER}) times)\\s+(?:a|an|per|each|every)|every(?:\\s+other)?)\\s+(?:business\\s+)?(?:second|minute|hour|day|week|month|quarter|year)\\b`, "gi")],
  ["measure", new RegExp(`\\b${NUMBER}\\s?(?:lbs?|oz|kg|g|mg|mm|cm|m|km|ft|feet|in|inch(?:es)?|yd|mi|miles|mah|wh|kwh|w|v|°\\s?[fc]|[fc]\\b|sq ?ft|l|ml|mph|gb|tb|mb|fps|mp)\\b`, "gi")],
  ["count", new RegExp(`\\b${NUMBER}\\b`, "g")],
];

const toNumber = (text: string): number | undefined => {
  const match = /\d[\d,]*(?:\.\d+)?/.exec(text);
  if (!match) return undefined;
  const value = Number(match[0].replace(/,/g, ""));
  return Number.isFinite(value) ? value : undefined;
};

/** Every typed value in a text, in reading order; each character belongs to at most one value. */
export function findValues(text: string): FoundValue[] {
  const taken = new Uint8Array(text.length);
  const found: FoundValue[] = [];
  for (const [kind, pattern] of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.subarray(start, end).some((flag) => flag === 1)) continue;
      taken.fill(1, start, end);
      found.push({ kind, text: match[0].trim(), index: start, number: toNumber(match[0]) });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The kinds of the values in a text. */
export function valueKinds(text: string): Set<ValueKind> {
  return new Set(findValues(text).map((value) => value.kind));
}
