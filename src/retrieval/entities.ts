import type { ScoringSettings } from "../config/scoring.js";
import type { MetadataValue } from "../corpus/types.js";
import type { IndexManifest } from "../index/index-manifest.js";
import { contentTerms } from "../text/tokenize.js";

/** A name the corpus uses for something (a product, a document title or type), found in metadata at ingest. */
export interface Entity {
  kind: "product" | "title" | "doc_type";
  value: string;
  /** Content terms of the name, in order. */
  terms: string[];
  docIds: Set<string>;
}

/** Metadata values that say "no particular thing" rather than name one (`product: General`). */
const PLACEHOLDER_NAMES = new Set(["general", "all", "any", "none", "n/a", "na", "other", "others", "misc", "miscellaneous", "various", "default", "unknown"]);

export const asList = (value: MetadataValue | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [String(value)];

/**
 * The names of the corpus's documents: titles, `product` and `doc_type` metadata. Placeholder values
 * ("General", "N/A") and a one-word name that many documents share ("Harbor") identify nothing and are left out.
 */
export function buildEntities(documents: IndexManifest["documents"], settings: ScoringSettings["entities"]): Entity[] {
  const byKey = new Map<string, Entity>();
  const termDocuments = new Map<string, number>();
  for (const document of documents) {
    const metadata = document.metadata as Record<string, MetadataValue>;
    const names: Array<[Entity["kind"], string]> = [
      ...asList(metadata.product).map((value): [Entity["kind"], string] => ["product", value]),
      ["title", document.title],
      ...asList(metadata.doc_type).map((value): [Entity["kind"], string] => ["doc_type", value.replace(/[-_]/g, " ")]),
    ];
    for (const [kind, value] of names) {
      const terms = contentTerms(value);
      if (terms.length === 0 || PLACEHOLDER_NAMES.has(value.trim().toLowerCase())) continue;
      const key = `${kind}:${terms.join(" ")}`;
      const entity = byKey.get(key) ?? { kind, value, terms, docIds: new Set<string>() };
      entity.docIds.add(document.id);
      byKey.set(key, entity);
    }
    for (const term of new Set(contentTerms(`${document.title} ${asList(metadata.product).join(" ")}`))) {
      termDocuments.set(term, (termDocuments.get(term) ?? 0) + 1);
    }
  }
  const shared = Math.max(settings.minDocuments, documents.length * settings.maxSharedShare);
  return [...byKey.values()].filter((entity) => entity.terms.length > 1 || (termDocuments.get(entity.terms[0]!) ?? 0) <= shared);
}

/** An entity list's positions by the first term of each name, built once per list (entities are built once at load). */
const byFirstTerm = new WeakMap<readonly Entity[], Map<string, number[]>>();

function firstTermIndex(entities: readonly Entity[]): Map<string, number[]> {
  let index = byFirstTerm.get(entities);
  if (!index) {
    index = new Map();
    for (const [position, entity] of entities.entries()) {
      const first = entity.terms[0]!;
      const positions = index.get(first) ?? [];
      positions.push(position);
      index.set(first, positions);
    }
    byFirstTerm.set(entities, index);
  }
  return index;
}

/**
 * Entities whose name appears in the question's content terms as consecutive terms, in list order.
 * Only names starting with one of the question's terms can match (terms hold no spaces), so those are
 * the only ones tested: the cost follows the question, not the number of documents.
 */
export function findEntities(questionTerms: readonly string[], entities: readonly Entity[]): Entity[] {
  const joined = ` ${questionTerms.join(" ")} `;
  const index = firstTermIndex(entities);
  const candidates = [...new Set(questionTerms)].flatMap((term) => index.get(term) ?? []).sort((a, b) => a - b);
  return candidates.map((position) => entities[position]!).filter((entity) => joined.includes(` ${entity.terms.join(" ")} `));
}
