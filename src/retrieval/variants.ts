/**
 * The documents among the candidates that are another variant of one the question asks about: a
 * document whose title is another candidate's title plus words the question does not say ("Skyvane
 * Trek 4 Pro Action Camera" beside "Skyvane Trek 4 Action Camera" for "What's the battery life of the
 * Trek 4?"; "Tarn 55 Women's Backpack" beside "Tarn 55 Backpack"). The question did not ask for the
 * Pro; the retriever ranks those documents below the plain one. A title that adds a word the question
 * says ("... the Trek 4 Pro?") is the one asked about; titles that differ otherwise (two versions of a
 * rate sheet, two cards) are not variants of each other. `titleTermsOf` gives a document's title's
 * content terms.
 */
export function otherVariants(docIds: Iterable<string>, titleTermsOf: (docId: string) => ReadonlySet<string> | undefined, questionTerms: readonly string[]): Set<string> {
  const asked = new Set(questionTerms);
  const titles: Array<{ docId: string; terms: ReadonlySet<string> }> = [];
  for (const docId of new Set(docIds)) {
    const terms = titleTermsOf(docId);
    // A title the question shares no word with is not what it asks about, plain or not.
    if (terms && [...terms].some((term) => asked.has(term))) titles.push({ docId, terms });
  }
  const variants = new Set<string>();
  for (const longer of titles) {
    const plainer = titles.some(
      (shorter) =>
        shorter.terms.size < longer.terms.size &&
        [...shorter.terms].every((term) => longer.terms.has(term)) &&
        [...longer.terms].every((term) => shorter.terms.has(term) || !asked.has(term)),
    );
    if (plainer) variants.add(longer.docId);
  }
  return variants;
}
