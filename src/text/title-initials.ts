/**
 * The initials a document's title is called by ("Master Subscription Agreement" -> "msa", "Service
 * Level Agreement" -> "sla"): a question naming the document by them names the document. Only for a
 * title of two to five words, all capitalised words of letters (a product or report name with numbers
 * or codes is called by its words); none otherwise.
 */
export function titleInitials(title: string): string[] {
  const words = title.trim().split(/[\s-]+/).filter(Boolean);
  if (words.length < 2 || words.length > 5 || !words.every((word) => /^\p{Lu}\p{Ll}*$/u.test(word))) return [];
  return [words.map((word) => word[0]!.toLowerCase()).join("")];
}
