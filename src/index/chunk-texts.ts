import { closeSync, openSync, readSync } from "node:fs";
import type { Chunk } from "../chunking/types.js";
import { writeFully } from "./write-fully.js";

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
  return headerOf(offsets);
}

/** The header of the file whose texts end at `offsets` (count + 1 of them). */
function headerOf(offsets: Float64Array): Buffer {
  const header = Buffer.alloc(8 + offsets.byteLength);
  header.writeUInt32LE(offsets.length - 1, 0);
  Buffer.from(offsets.buffer).copy(header, 8);
  return header;
}

const WRITE_BUFFER_BYTES = 1 << 24;

/** Writes what `encodeChunkTexts` makes, through one 16 MiB buffer: no copy of all the texts at once. */
export function writeChunkTexts(file: string, texts: readonly string[], bufferBytes = WRITE_BUFFER_BYTES): void {
  const writer = ChunkTextWriter.create(file, texts.length, bufferBytes);
  try {
    for (const text of texts) writer.append(text);
    writer.finish();
  } finally {
    writer.abandon();
  }
}

/**
 * The texts of a build's chunks on disk: only the offsets are held in memory (8 bytes a chunk), and a
 * text is read when it is asked for (the top candidates of a question, a document being shown), so
 * serving memory does not grow with the corpus's raw text. Reads are synchronous positioned reads,
 * answered from the page cache once a text has been read.
 */
export class ChunkTextFile {
  private closed = false;

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
    // A closed descriptor's number may already belong to another file: never read through it.
    if (this.closed) throw new Error(`the chunk text file was closed (its build was replaced); chunk ${label} cannot be read`);
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

  /** Closes the file; closing twice is a no-op. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.descriptor);
  }
}

/** Makes `chunk.text` an own enumerable property read from the file on each access (so a spread or JSON copy reads it too). */
export function readTextOnDemand(chunk: Chunk, texts: ChunkTextFile, label: number): void {
  Object.defineProperty(chunk, "text", { get: () => texts.read(label), enumerable: true, configurable: false });
}

/**
 * Writes a chunk text file one text at a time, when the texts arrive in order and need not all be held
 * at once (a build's texts; a pgvector replica copying its build's texts out of Postgres in batches):
 * texts go through one buffer, and the header's offsets are written last, at their place, so nothing
 * but the offsets (8 bytes a chunk) and the buffer is held.
 */
export class ChunkTextWriter {
  private readonly offsets: Float64Array;
  private readonly buffer: Buffer;
  private filled = 0;
  private label = 0;
  private position: number;
  private closed = false;

  private constructor(
    private readonly descriptor: number,
    readonly count: number,
    bufferBytes: number,
  ) {
    this.offsets = new Float64Array(count + 1);
    this.position = 8 + this.offsets.byteLength;
    this.buffer = Buffer.allocUnsafe(bufferBytes);
  }

  static create(file: string, count: number, bufferBytes = WRITE_BUFFER_BYTES): ChunkTextWriter {
    return new ChunkTextWriter(openSync(file, "w"), count, bufferBytes);
  }

  append(text: string): void {
    if (this.label >= this.count) throw new RangeError(`more than the ${this.count} chunk texts announced`);
    const bytes = Buffer.byteLength(text, "utf8");
    if (this.filled + bytes > this.buffer.length) this.flush();
    if (bytes > this.buffer.length) {
      writeFully(this.descriptor, Buffer.from(text, "utf8"), this.position);
      this.position += bytes;
    } else this.filled += this.buffer.write(text, this.filled, "utf8");
    this.offsets[this.label + 1] = this.offsets[this.label]! + bytes;
    this.label += 1;
  }

  private flush(): void {
    writeFully(this.descriptor, this.buffer.subarray(0, this.filled), this.position);
    this.position += this.filled;
    this.filled = 0;
  }

  /** Writes what is buffered and the header, and closes the file; fails when fewer texts came than announced. */
  finish(): void {
    try {
      if (this.label !== this.count) throw new Error(`${this.label} chunk texts written, ${this.count} announced`);
      this.flush();
      writeFully(this.descriptor, headerOf(this.offsets), 0);
    } finally {
      this.abandon();
    }
  }

  /** Closes the file without finishing it (after a failed copy); closing twice is a no-op. */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.descriptor);
  }
}
