/** Tracks the document ids a multi-record file has produced, so a repeated key is reported rather than loaded twice. */
export class UniqueIds {
  private readonly firstLine = new Map<string, number>();

  /** Claims `id` for the record on `line`; returns why it cannot have it, or undefined when it is free. */
  claim(id: string, line: number): string | undefined {
    const first = this.firstLine.get(id);
    if (first !== undefined) return `duplicate document id "${id}" (first used on line ${first}); this record was skipped`;
    this.firstLine.set(id, line);
    return undefined;
  }
}
