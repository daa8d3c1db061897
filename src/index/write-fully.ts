import { writeSync } from "node:fs";

/** Bytes handed to one `writeSync` at most (16 MiB): a large typed array is written in slices, never copied whole. */
const WRITE_SLICE_BYTES = 1 << 24;

/**
 * Writes every byte of `bytes` (a `writeSync` may write fewer than asked), at `position` when given,
 * else at the file's current position.
 */
export function writeFully(descriptor: number, bytes: Uint8Array, position?: number): void {
  let written = 0;
  while (written < bytes.length) {
    const length = Math.min(bytes.length - written, WRITE_SLICE_BYTES);
    written += position === undefined ? writeSync(descriptor, bytes, written, length) : writeSync(descriptor, bytes, written, length, position + written);
  }
}
