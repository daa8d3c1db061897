/** Typographic quotes and dashes as their ASCII forms, and runs of whitespace as one space, so differently typeset copies of a text compare equal. */
export function unifyTypography(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, "-")
    .replace(/\s+/g, " ");
}
