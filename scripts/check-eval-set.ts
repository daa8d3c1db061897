// Validates an eval set against its corpus: schema, unique ids, every quote found in its document, tag counts.
// Usage: npx tsx scripts/check-eval-set.ts <set.jsonl> [corpus name or path]
import { loadCorpus } from "../src/corpus/load-corpus.js";
import { resolveCorpus } from "../src/corpus/manifest.js";
import { readEvalSet, verifyEvidence } from "../src/eval/eval-set.js";

const [file, corpusName = "finance"] = process.argv.slice(2);
if (!file) {
  console.error("usage: npx tsx scripts/check-eval-set.ts <set.jsonl> [corpus]");
  process.exit(2);
}
try {
  const cases = await readEvalSet(file);
  const loaded = await loadCorpus(await resolveCorpus(corpusName, "corpora"));
  verifyEvidence(cases, loaded.documents, file);
  const tags = new Map<string, number>();
  for (const evalCase of cases) for (const tag of evalCase.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
  const unanswerable = cases.filter((evalCase) => !evalCase.answerable).length;
  console.log(`${cases.length} cases OK, ${unanswerable} unanswerable (${((100 * unanswerable) / cases.length).toFixed(1)}%)`);
  console.log([...tags.entries()].sort().map(([tag, count]) => `${tag}: ${count}`).join(", "));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
