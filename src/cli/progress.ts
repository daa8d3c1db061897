import cliProgress from "cli-progress";
import type { ProgressCallback } from "../progress.js";

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** What each ingest stage counts, for its progress display (ingest, and serve --build-if-needed). */
export const INGEST_UNITS: Record<string, string> = { load: "files", "fit: vocabulary": "chunks", "fit: TF-IDF": "chunks", "fit: SVD": "steps", embed: "chunks" };

/** Seconds between plain progress lines; a stage that ends sooner prints none. */
const PLAIN_LINE_SECONDS = 5;

const rate = (done: number, startedAt: number, now: number) => done / Math.max(0.001, (now - startedAt) / 1000);

/** "12/74 files (16%), 3.1 files/s, ETA 20 s": one plain progress line. */
export function plainProgressLine(label: string, unit: string, done: number, total: number, elapsedMs: number): string {
  const perSecond = rate(done, 0, elapsedMs);
  const eta = done > 0 && done < total ? `, ETA ${Math.ceil((total - done) / perSecond)} s` : "";
  return `${label}: ${done}/${total} ${unit} (${Math.round((100 * done) / Math.max(1, total))}%), ${perSecond.toFixed(1)} ${unit}/s${eta}`;
}

/**
 * A progress bar on a terminal. In a log (CI), a plain line with rate and ETA every 5 s, and a last
 * one at 100% for a stage that printed any: a slow stage is visible, a fast one adds nothing.
 */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr, unit = "items", now: () => number = Date.now): Progress {
  const startedAt = now();
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta}s`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, 0, { rate: "0" });
          started = true;
        }
        bar.update(done, { rate: rate(done, startedAt, now()).toFixed(1) });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastLineAt = startedAt;
  let printed = false;
  let finished = false;
  return {
    update: (done, total) => {
      const time = now();
      const last = done >= total;
      if (finished || (time - lastLineAt < PLAIN_LINE_SECONDS * 1000 && !(last && printed))) return;
      lastLineAt = time;
      printed = true;
      finished = last;
      stream.write(`${plainProgressLine(label, unit, done, total, time - startedAt)}\n`);
    },
    stop: () => undefined,
  };
}

/**
 * One progress display per stage of a multi-stage job (load, fit phases, embed): a new stage stops the
 * previous bar and starts its own. `units` names what each stage counts.
 */
export function createStageProgress(
  units: Record<string, string>,
  stream: NodeJS.WriteStream = process.stderr,
  now: () => number = Date.now,
): { update: ProgressCallback; stop: () => void } {
  let current: { stage: string; progress: Progress } | undefined;
  const stop = () => {
    current?.progress.stop();
    current = undefined;
  };
  return {
    update: (stage, done, total) => {
      if (current?.stage !== stage) {
        stop();
        current = { stage, progress: createProgress(stage, stream, units[stage] ?? "items", now) };
      }
      current.progress.update(done, total);
    },
    stop,
  };
}
