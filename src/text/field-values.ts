import { type FoundValue, findValues } from "./values.js";

// A unit a column or field name can end with ("price_usd", "warranty_years", "weight_kg"), and how to write a bare number in it.
const NAME_UNITS: Array<[RegExp, FoundValue["kind"], (value: string) => string]> = [
  [/^(?:usd|dollars?)$/i, "money", (value) => `$${value}`],
  [/^(?:eur|euros?)$/i, "money", (value) => `€${value}`],
  [/^(?:gbp)$/i, "money", (value) => `£${value}`],
  [/^(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)$/i, "duration", (value) => value],
  [/^(?:kg|g|lbs?|oz|mm|cm|m|km|in|ft|w|wh|kwh|mah|v|l|ml|gb|tb)$/i, "measure", (value) => value],
];
// Names that say the value is an amount of money ("price", "cost", "fee").
const MONEY_NAME = /\b(?:price|cost|fee|charge|amount|msrp)\b/i;
const BARE_NUMBER = /^\d[\d,]*(?:\.\d+)?$/;

/** A field's value as a reader would write it, and the value it states: "price_usd: 549.00" -> "price: $549.00". */
export interface FieldReading {
  /** The name without its unit ("price", "warranty"). */
  name: string;
  /** The value with its unit ("$549.00", "5 years"). */
  value: string;
  values: FoundValue[];
}

/** Reads a `name: value` field whose name carries the unit of a bare number in its value. */
export function readField(name: string, value: string): FieldReading {
  const words = name.trim().split(/[_\s]+/);
  const last = words.at(-1) ?? "";
  const bare = value.trim();
  if (BARE_NUMBER.test(bare)) {
    for (const [pattern, kind, write] of NAME_UNITS) {
      if (words.length > 1 && pattern.test(last)) {
        const text = kind === "money" ? write(bare) : `${bare} ${last.toLowerCase()}`;
        return { name: words.slice(0, -1).join(" "), value: text, values: [{ kind, text, index: 0, number: Number(bare.replace(/,/g, "")) }] };
      }
    }
    if (MONEY_NAME.test(words.join(" "))) {
      const text = `$${bare}`;
      return { name: words.join(" "), value: text, values: [{ kind: "money", text, index: 0, number: Number(bare.replace(/,/g, "")) }] };
    }
  }
  return { name: words.join(" "), value: bare, values: findValues(bare) };
}
