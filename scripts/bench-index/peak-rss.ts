import { readFileSync, writeFileSync } from "node:fs";

const STATUS_FILE = "/proc/self/status";
const CLEAR_REFS_FILE = "/proc/self/clear_refs";

/**
 * Peak resident memory of this process since the last `reset()`. On Linux it reads the kernel's
 * high-water mark (VmHWM), which catches peaks between samples, and resets it through clear_refs;
 * elsewhere it falls back to the largest `process.memoryUsage().rss` seen by `sample()`.
 */
export class PeakRssMeter {
  private sampled = 0;
  private kernelPeakAvailable = true;

  reset(): void {
    this.sampled = process.memoryUsage().rss;
    try {
      // "5" resets the peak RSS to the current RSS (Linux 4.0+).
      writeFileSync(CLEAR_REFS_FILE, "5");
    } catch {
      this.kernelPeakAvailable = false;
    }
  }

  sample(): void {
    this.sampled = Math.max(this.sampled, process.memoryUsage().rss);
  }

  /** Peak since reset, in bytes. */
  peakBytes(): number {
    this.sample();
    return Math.max(this.sampled, this.kernelPeakAvailable ? readHighWaterMark() : 0);
  }

  /** How the peak was measured, for the report. */
  get method(): string {
    return this.kernelPeakAvailable ? "VmHWM (/proc/self/status, reset per phase)" : "sampled process.memoryUsage().rss";
  }
}

function readHighWaterMark(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(STATUS_FILE, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
