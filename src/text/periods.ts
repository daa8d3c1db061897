/**
 * Periods a text names, read the same way everywhere: years (also written as fiscal or calendar years,
 * "FY2018", "FY 2018", "CY2019", "FY18"), and dated days or months with the days they cover.
 */

// A year, alone or written as a fiscal or calendar year.
const YEAR = /\b(?:(?:fy|cy)\s?)?((?:19|20)\d\d)\b|\b(?:fy|cy)'?(\d\d)\b/gi;

/** The years a text names, in order, as four digits: "FY2018 and fiscal 2019, FY20" -> 2018, 2019, 2020. */
export function yearsIn(text: string): string[] {
  return [...text.matchAll(YEAR)].map((match) => match[1] ?? `20${match[2]}`);
}

/** One token that is a year written as a period ("FY2018", "FY18", "CY2019"), not a name. */
export const YEAR_TOKEN = /^(?:fy|cy)'?(?:(?:19|20)\d\d|\d\d)$/i;

/** Days since the epoch, the unit of `DayRange`. */
const DAY_MS = 86_400_000;

/** The days a text's date covers, inclusive: one day for "October 20, 2026", the month for "October 2026". */
export interface DayRange {
  first: number;
  last: number;
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
const DAY_DATE = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d\\d)\\b`, "i");
const MONTH_DATE = new RegExp(`\\b${MONTH}\\s+(?:of\\s+)?((?:19|20)\\d\\d)\\b`, "i");

const monthIndex = (name: string): number => MONTH_NAMES.indexOf(name.slice(0, 3).toLowerCase());

// A date the text asks about the time before or after: "the fee before July 2026", "since March 1, 2026".
const BEFORE_DATE = /\b(?:before|prior to|until|till)\s+(?:on\s+)?$/i;
const AFTER_DATE = /\bafter\s+(?:on\s+)?$/i;
const SINCE_DATE = /\bsince\s+(?:on\s+)?$/i;

/**
 * The first date a text names with its month ("Oct 20, 2026", "October 2026"), as the days it covers;
 * after "before", "prior to" or "until" the days before it ("before July 2026": up to June 30, 2026),
 * after "after" or "since" the days from it on.
 */
export function dateIn(text: string): DayRange | undefined {
  const day = DAY_DATE.exec(text);
  const month = day ? undefined : MONTH_DATE.exec(text);
  const match = day ?? month;
  if (!match) return undefined;
  let covered: DayRange;
  if (day) {
    const at = Date.UTC(Number(day[3]), monthIndex(day[1]!), Number(day[2])) / DAY_MS;
    covered = { first: at, last: at };
  } else {
    const year = Number(match[2]);
    const index = monthIndex(match[1]!);
    covered = { first: Date.UTC(year, index, 1) / DAY_MS, last: Date.UTC(year, index + 1, 1) / DAY_MS - 1 };
  }
  const lead = text.slice(0, match.index);
  if (BEFORE_DATE.test(lead)) return { first: -Infinity, last: covered.first - 1 };
  if (SINCE_DATE.test(lead)) return { first: covered.first, last: Infinity };
  if (AFTER_DATE.test(lead)) return { first: covered.last + 1, last: Infinity };
  return covered;
}

const RANGE_START = /\b(?:from|since|starting|effective|on or after|after)\s+(?:on\s+)?$/i;
const RANGE_END = /\b(?:to|until|till|through|thru|before|by|ending|up to)\s+(?:on\s+)?$/i;

/**
 * The dates a column heading is bounded by ("Before July 1, 2026", "Now (orders from Sep 1, 2026)"),
 * or undefined when it names no date after such a word. "before"/"after" exclude the date itself.
 */
export function columnDateRange(column: string): { from: number; to: number } | undefined {
  const day = DAY_DATE.exec(column);
  if (!day) return undefined;
  const at = Date.UTC(Number(day[3]), monthIndex(day[1]!), Number(day[2])) / DAY_MS;
  const lead = column.slice(0, day.index);
  if (RANGE_START.test(lead)) return { from: /after\s+(?:on\s+)?$/i.test(lead) && !/on or after/i.test(lead) ? at + 1 : at, to: Infinity };
  if (RANGE_END.test(lead)) return { from: -Infinity, to: /before\s+(?:on\s+)?$/i.test(lead) ? at - 1 : at };
  return undefined;
}
