import { describe, expect, it } from "vitest";
import { createProgress, createStageProgress, plainProgressLine } from "./progress.js";

/** A log stream (not a TTY) that keeps what was written. */
function logStream(): NodeJS.WriteStream & { lines: string[] } {
  const lines: string[] = [];
  return { isTTY: false, lines, write: (text: string) => lines.push(...text.trimEnd().split("\n")) } as unknown as NodeJS.WriteStream & { lines: string[] };
}

describe("plain progress in a log", () => {
  it("says done, total, rate and ETA", () => {
    expect(plainProgressLine("load", "files", 12, 74, 4000)).toBe("load: 12/74 files (16%), 3.0 files/s, ETA 21 s");
    expect(plainProgressLine("load", "files", 74, 74, 20_000)).toBe("load: 74/74 files (100%), 3.7 files/s");
  });

  it("prints a line every 5 s and a last one at 100%, nothing for a stage that ends sooner", () => {
    let clock = 0;
    const stream = logStream();
    const slow = createProgress("fit: SVD", stream, "steps", () => clock);
    for (let step = 1; step <= 5; step += 1) {
      clock += 3000;
      slow.update(step, 5);
    }
    expect(stream.lines).toEqual(["fit: SVD: 2/5 steps (40%), 0.3 steps/s, ETA 9 s", "fit: SVD: 4/5 steps (80%), 0.3 steps/s, ETA 3 s", "fit: SVD: 5/5 steps (100%), 0.3 steps/s"]);

    const quick = createProgress("load", stream, "files", () => clock);
    for (let file = 1; file <= 48; file += 1) quick.update(file, 48);
    expect(stream.lines).toHaveLength(3);
  });

  it("gives each stage of a multi-stage job its own display, named after the stage and its unit", () => {
    let clock = 0;
    const stream = logStream();
    const progress = createStageProgress({ load: "files", embed: "chunks" }, stream, () => clock);
    progress.update("load", 0, 2);
    clock = 6000;
    progress.update("load", 1, 2);
    progress.update("embed", 64, 128);
    clock = 12_000;
    progress.update("embed", 128, 128);
    progress.stop();
    expect(stream.lines).toEqual(["load: 1/2 files (50%), 0.2 files/s, ETA 6 s", "embed: 128/128 chunks (100%), 21.3 chunks/s"]);
  });
});
