import { randomBytes } from "node:crypto";
import { link, mkdir, open, readdir, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { IndexLockedError } from "../errors.js";
import { lockFile } from "./index-paths.js";
import { isProcessAlive } from "./owner-process.js";

const HolderSchema = z.object({ pid: z.number().int(), hostname: z.string(), startedAt: z.string(), token: z.string(), command: z.string() });

/** Who holds an ingest lock: written into the lock file before it appears, so it is never seen half-written. */
export type LockHolder = z.infer<typeof HolderSchema>;

/**
 * Tokens of this process's lock attempts and held locks. A lock or takeover file with this pid and
 * another token is a leftover of an earlier process (pids repeat, e.g. in containers).
 */
const live = new Set<string>();

export interface IndexLockOptions {
  /** How long to wait for another ingest to finish, in ms. */
  waitMs: number;
  /** How often to look again while waiting, in ms. */
  pollMs?: number;
  /** Called once, when another live process holds the lock and this one starts waiting. */
  onWait?: (holder: LockHolder, file: string) => void;
  /** Called when a lock left by a process that no longer runs is taken over. */
  onTakeOver?: (holder: LockHolder | undefined, file: string) => void;
}

export interface IndexLock {
  file: string;
  holder: LockHolder;
  release(): Promise<void>;
}

/** The holder and inode of a lock file, read through one handle so both describe the same file; undefined when it is gone. */
async function readLock(file: string): Promise<{ holder: LockHolder | undefined; ino: number } | undefined> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const { ino } = await handle.stat();
    const text = await handle.readFile("utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = HolderSchema.safeParse(json);
    return { holder: parsed.success ? parsed.data : undefined, ino };
  } finally {
    await handle.close();
  }
}

/** A lock (or takeover) whose holder cannot be running any more. One on another host is never stale: its pid means nothing here. */
function isStale(holder: LockHolder | undefined): boolean {
  // Lock files are complete before they are linked into place, so an unreadable one is damaged.
  if (!holder) return true;
  if (holder.hostname !== os.hostname()) return false;
  if (holder.pid === process.pid) return !live.has(holder.token);
  return !isProcessAlive(holder.pid);
}

const TAKEOVER = ".takeover-";

/**
 * Removes a stale lock so that exactly one of several waiters does it. Removing it directly would
 * race: a waiter that judged the old lock stale could delete the fresh lock another waiter has just
 * taken. So waiters elect a remover per stale lock: the one that creates `ingest.lock.takeover-<token>`
 * (a hard link, atomic) removes the lock, and only while it is still the stale file. Should that
 * remover die midway, the election repeats under a name that adds its token. Returns false when
 * another live process is doing the takeover (the caller waits).
 */
async function takeOver(file: string, draft: string, stale: { holder: LockHolder | undefined; ino: number }, onTakeOver: IndexLockOptions["onTakeOver"]): Promise<boolean> {
  const idOf = (found: { holder: LockHolder | undefined; ino: number }) => found.holder?.token ?? `ino${found.ino}`;
  const tombs = [`${file}${TAKEOVER}${idOf(stale)}`];
  for (;;) {
    try {
      await link(draft, tombs.at(-1)!);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const other = await readLock(tombs.at(-1)!);
    if (!other) return true;
    if (!isStale(other.holder)) return false;
    tombs.push(`${tombs.at(-1)!}.${idOf(other)}`);
  }
  try {
    if ((await readLock(file))?.ino === stale.ino) {
      onTakeOver?.(stale.holder, file);
      await unlink(file);
    }
  } finally {
    await Promise.all(tombs.map((tomb) => unlink(tomb).catch(() => undefined)));
  }
  return true;
}

/** Removes takeover files and lock drafts left by processes that no longer run. */
export async function removeLockLeftovers(root: string): Promise<void> {
  const prefix = `${path.basename(lockFile(root))}.`;
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names.filter((entry) => entry.startsWith(prefix))) {
    const found = await readLock(path.join(root, name));
    if (found && isStale(found.holder)) await unlink(path.join(root, name)).catch(() => undefined);
  }
}

function lockedError(file: string, holder: LockHolder | undefined, waitMs: number): IndexLockedError {
  const within = `did not finish within ${Math.round(waitMs / 1000)} s. Run the ingest again once it is done, or wait longer with --lock-wait <seconds>.`;
  if (!holder) return new IndexLockedError(`Another ingest of this corpus is taking over ${file} and ${within}`, { file });
  const where = holder.hostname === os.hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} on host ${holder.hostname}`;
  const ifStuck = holder.hostname === os.hostname()
    ? `If no ingest is running (pid ${holder.pid} now belongs to another program), delete ${file}.`
    : `This machine cannot see whether a process on ${holder.hostname} still runs; if none does, delete ${file}.`;
  return new IndexLockedError(`Another ingest of this corpus holds ${file} (${where}, started ${holder.startedAt}: ${holder.command}) and ${within} ${ifStuck}`, { file, holder });
}

/**
 * Takes the ingest lock of a corpus's index folder (`<root>/ingest.lock`), waiting up to `waitMs`
 * while another live process holds it; a lock left by a process that no longer runs is taken over.
 * The lock file is written under a private name and hard-linked into place, which is atomic and
 * fails when the lock exists.
 */
export async function acquireIndexLock(root: string, options: IndexLockOptions): Promise<IndexLock> {
  await mkdir(root, { recursive: true });
  const file = lockFile(root);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(6).toString("hex"),
    command: process.argv.slice(1).join(" "),
  };
  const draft = `${file}.${process.pid}-${holder.token}`;
  live.add(holder.token);
  await writeFile(draft, JSON.stringify(holder));
  const deadline = Date.now() + options.waitMs;
  let waiting = false;
  let acquired = false;
  try {
    for (;;) {
      try {
        await link(draft, file);
        acquired = true;
        return { file, holder, release: () => releaseLock(file, holder.token) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const found = await readLock(file);
      if (!found) continue;
      if (isStale(found.holder) && (await takeOver(file, draft, found, options.onTakeOver))) continue;
      if (!waiting && found.holder) {
        waiting = true;
        options.onWait?.(found.holder, file);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw lockedError(file, isStale(found.holder) ? undefined : found.holder, options.waitMs);
      await sleep(Math.min(options.pollMs ?? 200, left));
    }
  } finally {
    if (!acquired) live.delete(holder.token);
    await unlink(draft).catch(() => undefined);
  }
}

async function releaseLock(file: string, token: string): Promise<void> {
  const found = await readLock(file);
  if (found?.holder?.token === token) await unlink(file).catch(() => undefined);
  live.delete(token);
}

/** Runs `work` while holding the ingest lock of an index folder, and releases it afterwards (also on failure). */
export async function withIndexLock<T>(root: string, options: IndexLockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireIndexLock(root, options);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
