import cliProgress from "cli-progress";

export interface Progress {
  update: (done: number, total: number) => void;
  stop: () => void;
}

/** A progress bar on a terminal; plain lines every 10% when output goes to a log (CI). */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr, unit = "items"): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta}s`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    const startedAt = Date.now();
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, 0, { rate: "0" });
          started = true;
        }
        bar.update(done, { rate: (done / Math.max(0.001, (Date.now() - startedAt) / 1000)).toFixed(1) });
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update: (done, total) => {
      const decile = Math.floor((10 * done) / total);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${label}: ${done}/${total} ${unit} (${Math.round((100 * done) / total)}%)\n`);
      }
    },
    stop: () => undefined,
  };
}
