/**
 * JSON for data that grows with the corpus, kept under V8's longest string (about 512 MiB): long arrays
 * of an object's fields are lifted out of the first line and written `LINE_ITEMS` items a line after
 * it, so no line, and no string made while writing or reading, grows with the corpus. An array nested
 * inside an array stays where it is (its line holds it whole).
 */
const LINE_ITEMS = 20_000;

interface Lifted {
  $lines: number;
}

const isLifted = (value: unknown): value is Lifted =>
  typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Partial<Lifted>).$lines === "number" && Object.keys(value).length === 1;

export function encodeChunkedJson(value: unknown, lineItems = LINE_ITEMS): Buffer {
  const lines: Buffer[] = [];
  let lifted = 0;
  const lift = (node: unknown): unknown => {
    if (Array.isArray(node)) {
      if (node.length <= lineItems) return node;
      const id = lifted++;
      for (let start = 0; start < node.length; start += lineItems) lines.push(Buffer.from(`${JSON.stringify([id, node.slice(start, start + lineItems)])}\n`, "utf8"));
      return { $lines: id } satisfies Lifted;
    }
    if (typeof node === "object" && node !== null) return Object.fromEntries(Object.entries(node).map(([key, field]) => [key, lift(field)]));
    return node;
  };
  const head = Buffer.from(`${JSON.stringify(lift(value))}\n`, "utf8");
  return Buffer.concat([head, ...lines]);
}

/** Reads what `encodeChunkedJson` wrote (a one-line JSON document reads as itself), one line at a time. */
export function decodeChunkedJson(bytes: Uint8Array): unknown {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lines: unknown[] = [];
  for (let start = 0; start < buffer.length; ) {
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    if (end > start) lines.push(JSON.parse(buffer.toString("utf8", start, end)));
    start = end + 1;
  }
  if (lines.length === 0) throw new SyntaxError("no JSON in an empty file");
  const [head, ...rest] = lines;
  const items = new Map<number, unknown[]>();
  for (const line of rest) {
    if (!Array.isArray(line) || line.length !== 2 || typeof line[0] !== "number" || !Array.isArray(line[1])) throw new SyntaxError("a continuation line is not [id, items]");
    const list = items.get(line[0]) ?? [];
    for (const item of line[1] as unknown[]) list.push(item);
    items.set(line[0], list);
  }
  const restore = (node: unknown): unknown => {
    if (isLifted(node)) {
      const list = items.get(node.$lines);
      if (!list) throw new SyntaxError(`no lines for lifted array ${node.$lines}`);
      return list;
    }
    if (typeof node === "object" && node !== null && !Array.isArray(node)) return Object.fromEntries(Object.entries(node).map(([key, field]) => [key, restore(field)]));
    return node;
  };
  return restore(head);
}
