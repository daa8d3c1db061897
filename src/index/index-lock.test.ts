import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IndexLockedError } from "../errors.js";
import { acquireIndexLock, type LockHolder, withIndexLock } from "./index-lock.js";

/** Above Linux's largest possible pid (2^22), so no process ever has it. */
const DEAD_PID = 2 ** 22 + 1;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-lock-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const lockPath = () => path.join(root, "ingest.lock");
const holder = (overrides: Partial<LockHolder>): LockHolder => ({
  pid: DEAD_PID,
  hostname: os.hostname(),
  startedAt: "2026-12-01T10:00:00.000Z",
  token: "leftover",
  command: "src/cli/main.ts ingest --corpus finance",
  ...overrides,
});

describe("acquireIndexLock", () => {
  it("writes pid, host, start time and command into ingest.lock and removes it on release", async () => {
    const lock = await acquireIndexLock(root, { waitMs: 0 });
    const written = JSON.parse(await readFile(lockPath(), "utf8")) as LockHolder;
    expect(written).toEqual({ ...lock.holder, pid: process.pid, hostname: os.hostname() });
    await lock.release();
    expect(await readdir(root)).toEqual([]);
  });

  it("lets one holder in at a time; the others wait and then run", async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((worker) =>
        withIndexLock(root, { waitMs: 10_000, pollMs: 5 }, async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          order.push(worker);
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3]);
    expect(await readdir(root)).toEqual([]);
  });

  it("gives up after the bounded wait with an error naming the holder, the lock file and the way out", async () => {
    const first = await acquireIndexLock(root, { waitMs: 0 });
    const waited: LockHolder[] = [];
    const error = await acquireIndexLock(root, { waitMs: 150, pollMs: 20, onWait: (found) => waited.push(found) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexLockedError);
    expect((error as Error).message).toBe(
      `Another ingest of this corpus holds ${lockPath()} (pid ${process.pid}, started ${first.holder.startedAt}: ${first.holder.command}) and did not finish within 0 s. ` +
        `Run the ingest again once it is done, or wait longer with --lock-wait <seconds>. If no ingest is running (pid ${process.pid} now belongs to another program), delete ${lockPath()}.`,
    );
    expect(waited).toEqual([first.holder]);
    // The lock of the first holder is still there, and the waiter left no draft behind.
    expect(await readdir(root)).toEqual(["ingest.lock"]);
    await first.release();
  });

  it("takes over a lock whose process no longer runs, at once", async () => {
    await writeFile(lockPath(), JSON.stringify(holder({})));
    const takenFrom: Array<LockHolder | undefined> = [];
    const lock = await acquireIndexLock(root, { waitMs: 0, onTakeOver: (found) => takenFrom.push(found) });
    expect(takenFrom).toEqual([holder({})]);
    expect(JSON.parse(await readFile(lockPath(), "utf8"))).toEqual(lock.holder);
    await lock.release();
  });

  it("takes over a lock with this process's pid that this process does not hold (a pid reused after a restart)", async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ pid: process.pid })));
    const lock = await acquireIndexLock(root, { waitMs: 0 });
    expect(lock.holder.token).not.toBe("leftover");
    await lock.release();
  });

  it("takes over an unreadable lock file", async () => {
    await writeFile(lockPath(), "");
    const lock = await acquireIndexLock(root, { waitMs: 0 });
    await lock.release();
    expect(await readdir(root)).toEqual([]);
  });

  it("lets exactly one of several waiters take over a stale lock", async () => {
    await writeFile(lockPath(), JSON.stringify(holder({})));
    let running = 0;
    let most = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map(() =>
        withIndexLock(root, { waitMs: 10_000, pollMs: 5 }, async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it("finishes a takeover whose remover died midway (its takeover file names a process that no longer runs)", async () => {
    await writeFile(lockPath(), JSON.stringify(holder({})));
    await writeFile(path.join(root, "ingest.lock.takeover-leftover"), JSON.stringify(holder({ token: "remover" })));
    const lock = await acquireIndexLock(root, { waitMs: 0 });
    await lock.release();
    expect(await readdir(root)).toEqual([]);
  });

  it("waits while another live process takes over a stale lock", async () => {
    await writeFile(lockPath(), JSON.stringify(holder({})));
    await writeFile(path.join(root, "ingest.lock.takeover-leftover"), JSON.stringify(holder({ pid: process.ppid, token: "remover" })));
    const error = await acquireIndexLock(root, { waitMs: 50, pollMs: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexLockedError);
    expect((error as Error).message).toBe(
      `Another ingest of this corpus is taking over ${lockPath()} and did not finish within 0 s. Run the ingest again once it is done, or wait longer with --lock-wait <seconds>.`,
    );
  });

  it("never takes over a lock held on another host (its pid means nothing here)", async () => {
    await writeFile(lockPath(), JSON.stringify(holder({ hostname: "build-runner-7" })));
    const error = await acquireIndexLock(root, { waitMs: 50, pollMs: 10 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IndexLockedError);
    expect((error as Error).message).toContain(`(pid ${DEAD_PID} on host build-runner-7, started 2026-12-01T10:00:00.000Z`);
    expect((error as Error).message).toContain(`cannot see whether a process on build-runner-7 still runs; if none does, delete ${lockPath()}.`);
  });

  it("releases the lock when the work fails", async () => {
    await expect(withIndexLock(root, { waitMs: 0 }, async () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    expect(await readdir(root)).toEqual([]);
  });
});
