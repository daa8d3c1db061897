import { closeSync, openSync, readSync, writeSync } from "node:fs";

/** Every chunk's text, one after another, read back one chunk at a time (embedded backend). */
export const CHUNK_TEXTS_FILE = "chunk-texts.bin";

/** The file: the chunk count (uint32), the byte offsets of the texts (float64, count + 1, from the start of the texts), then the texts in UTF-8. */
export function encodeChunkTexts(texts: readonly string[]): Buffer {
  const encoded = texts.map((text) => Buffer.from(text, "utf8"));
  return Buffer.concat([chunkTextsHeader(texts), ...encoded]);
}

function chunkTextsHeader(texts: readonly string[]): Buffer {
  const offsets = new Float64Array(texts.length + 1);
  texts.forEach((text, label) => (offsets[label + 1] = offsets[label]! + Buffer.byteLength(text, "utf8")));
  const header = Buffer.alloc(8 + offsets.byteLength);
  header.writeUInt32LE(texts.length, 0);
  Buffer.from(offsets.buffer).copy(header, 8);
  return header;
}

const WRITE_BUFFER_BYTES = 1 << 24;

function writeAll(descriptor: number, bytes: Uint8Array): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(descriptor, bytes, written, bytes.length - written);
}

/** Writes what `encodeChunkTexts` makes, through one 16 MiB buffer: no copy of all the texts at once. */
export function writeChunkTexts(file: string, texts: readonly string[], bufferBytes = WRITE_BUFFER_BYTES): void {
  const descriptor = openSync(file, "w");
  try {
    writeAll(descriptor, chunkTextsHeader(texts));
    const buffer = Buffer.allocUnsafe(bufferBytes);
    let filled = 0;
    for (const text of texts) {
      const bytes = Buffer.byteLength(text, "utf8");
      if (filled + bytes > buffer.length) {
        writeAll(descriptor, buffer.subarray(0, filled));
        filled = 0;
      }
      if (bytes > buffer.length) writeAll(descriptor, Buffer.from(text, "utf8"));
      else filled += buffer.write(text, filled, "utf8");
    }
    writeAll(descriptor, buffer.subarray(0, filled));
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The texts of a build's chunks on disk: only the offsets are held in memory (8 bytes a chunk), and a
 * text is read when it is asked for (the top candidates of a question, a document being shown), so
 * serving memory does not grow with the corpus's raw text. Reads are synchronous positioned reads,
 * answered from the page cache once a text has been read.
 */
export class ChunkTextFile {
  private constructor(
    private readonly descriptor: number,
    private readonly offsets: Float64Array,
    private readonly start: number,
  ) {}

  static open(file: string): ChunkTextFile {
    const descriptor = openSync(file, "r");
    try {
      const head = Buffer.alloc(8);
      readSync(descriptor, head, 0, 8, 0);
      const count = head.readUInt32LE(0);
      const offsets = new Float64Array(count + 1);
      readSync(descriptor, new Uint8Array(offsets.buffer), 0, offsets.byteLength, 8);
      return new ChunkTextFile(descriptor, offsets, 8 + offsets.byteLength);
    } catch (error) {
      closeSync(descriptor);
      throw error;
    }
  }

  get count(): number {
    return this.offsets.length - 1;
  }

  read(label: number): string {
    const from = this.offsets[label];
    const to = this.offsets[label + 1];
    if (from === undefined || to === undefined) throw new RangeError(`no chunk ${label} in the chunk text file (${this.count} chunks)`);
    const bytes = Buffer.allocUnsafe(to - from);
    let read = 0;
    while (read < bytes.length) {
      const got = readSync(this.descriptor, bytes, read, bytes.length - read, this.start + from + read);
      if (got === 0) throw new Error(`the chunk text file ends inside chunk ${label}`);
      read += got;
    }
    return bytes.toString("utf8");
  }

  close(): void {
    closeSync(this.descriptor);
  }
}
