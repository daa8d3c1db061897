/** A numeric range a table row's first cell covers: "13 to 36 months", "$25,000 and above", "12 months or less". */
export interface NumericRange {
  low: number;
  high: number;
}

const NUMBER = /(\d[\d,]*(?:\.\d+)?)\s*(k|thousand|m|million|bn|billion)?\b/gi;
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, bn: 1e9, billion: 1e9 };

/** The numbers in a text, with "k"/"million" suffixes applied: "$60k" -> 60000. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBER)].map((match) => Number(match[1]!.replace(/,/g, "")) * (SCALE[(match[2] ?? "").toLowerCase()] ?? 1)).filter(Number.isFinite);
}

const AT_MOST = /\b(?:or less|or fewer|or under|and under|and below|or below|up to|under|less than|below|at most|no more than|maximum|max)\b/i;
const AT_LEAST = /\b(?:and above|or above|and over|or over|or more|and more|and up|over|above|more than|at least|minimum|min)\b|\+/i;
const BETWEEN = /\b(?:to|through|thru|and)\b|[-–—]/;

/** The range a row key covers, or undefined when it names no number. */
export function rowRange(key: string): NumericRange | undefined {
  // "12 months or less (3, 6 and 12 months)": the part before a parenthesis says the range.
  const head = key.replace(/\(.*$/, "");
  const numbers = numbersIn(head);
  if (numbers.length === 0) return undefined;
  const first = numbers[0]!;
  if (AT_MOST.test(head)) return { low: -Infinity, high: Math.max(...numbers) };
  if (AT_LEAST.test(head) && numbers.length === 1) return { low: first, high: Infinity };
  if (numbers.length >= 2 && BETWEEN.test(head)) return { low: Math.min(first, numbers[1]!), high: Math.max(first, numbers[1]!) };
  return { low: first, high: first };
}

/**
 * How a row key fits the numbers of a question: 1 when one of them falls in the row's range (an exact
 * mention counts too), -1 when the row names numbers and none of the question's fit, 0 when either
 * side has no number.
 */
export function rowKeyFit(key: string, questionNumbers: readonly number[]): -1 | 0 | 1 {
  const range = rowRange(key);
  if (!range || questionNumbers.length === 0) return 0;
  return questionNumbers.some((value) => value >= range.low && value <= range.high) ? 1 : -1;
}
