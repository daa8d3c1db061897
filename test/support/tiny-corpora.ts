import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** Two tiny corpora about different organisations, written as Markdown: a bank and an outdoor-gear store. */
export const TINY_CORPORA = {
  bank: {
    wires: "---\nid: wires\ntitle: Wire Transfer Guide\n---\n# Wire Transfer Guide\n\n## Fees\n\nAn outgoing domestic wire transfer costs $30 and an incoming wire transfer costs $15.\n\n## Cutoff\n\nDomestic wires sent before 4 p.m. Eastern go out the same business day.\n",
    cards: "---\nid: cards\ntitle: Debit Card Guide\n---\n# Debit Card Guide\n\n## Lost cards\n\nLock a lost debit card in the app and call the fraud line at once.\n\n## Limits\n\nThe daily ATM withdrawal limit is $1,000.\n",
  },
  store: {
    tents: "---\nid: tents\ntitle: Tent Buying Guide\n---\n# Tent Buying Guide\n\n## Warranty\n\nThe Ridgeline tent has a two-year warranty against seam and pole defects.\n\n## Weight\n\nThe Ridgeline tent weighs 4 lb 2 oz with its stakes.\n",
    returns: "---\nid: returns\ntitle: Returns Policy\n---\n# Returns Policy\n\n## Window\n\nUnused gear can be returned within 60 days of delivery for a full refund.\n\n## Kayaks\n\nKayaks ship only within the lower 48 states.\n\n## Paying by wire\n\nLarge orders can be paid by wire transfer; your bank may charge you for an outgoing wire transfer.\n",
  },
} as const;

/** Writes one of the tiny corpora (corpus.json and docs/*.md) into `dir` and returns `dir`. */
export async function writeTinyCorpus(dir: string, name: keyof typeof TINY_CORPORA): Promise<string> {
  await mkdir(path.join(dir, "docs"), { recursive: true });
  await writeFile(
    path.join(dir, "corpus.json"),
    JSON.stringify({ name, domain: "test", description: `A tiny test corpus (${name}).`, include: ["docs/*.md"], chunking: { maxWords: 60, minWords: 0 } }),
  );
  for (const [id, text] of Object.entries(TINY_CORPORA[name])) await writeFile(path.join(dir, "docs", `${id}.md`), text);
  return dir;
}
