import { contentTerms } from "./tokenize.js";
import { comparedAttributes } from "./wordnet.js";

/**
 * The attributes a question's comparative or superlative adjectives compare, as terms, by the term of
 * the adjective ("Is the Homestead 8 heavier than the Rollmaster 65?": "heavier" -> "weight"; "the
 * warmest bag": "temperature"): from WordNet's attribute links, the first sense of each adjective.
 */
export function comparedAttributeTerms(question: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const word of new Set(question.toLowerCase().match(/\b[a-z]{4,}(?:er|est)\b/g) ?? [])) {
    const attributes = [...new Set(comparedAttributes(word, 1).flatMap((noun) => contentTerms(noun)))];
    const [term] = contentTerms(word);
    if (term !== undefined && attributes.length > 0) found.set(term, attributes);
  }
  return found;
}

/** Every attribute term of `comparedAttributeTerms`: what a comparison by an adjective asks for ("Which is lighter, X or Y?" -> "weight"). */
export function comparedTerms(question: string): string[] {
  return [...new Set([...comparedAttributeTerms(question).values()].flat())];
}
