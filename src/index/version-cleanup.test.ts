import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { markInFlight } from "./owner-process.js";
import { removeLeftovers, removeOldVersions } from "./version-cleanup.js";

/** Above Linux's largest possible pid (2^22), so no process ever has it. */
const DEAD_PID = 2 ** 22 + 1;
/** The vitest main process: alive while the tests run, and not this process. */
const LIVE_PID = process.ppid;

let root: string;
let versions: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "rag-cleanup-"));
  versions = path.join(root, "versions");
  await mkdir(versions);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const buildId = (pid: number, suffix: string) => `20261201-101500-${pid}-${suffix}`;

describe("removeLeftovers", () => {
  it("removes staging folders of processes that no longer run, never a live process's", async () => {
    for (const name of [`.staging-${buildId(DEAD_PID, "aaaaaa")}`, `.staging-${buildId(LIVE_PID, "bbbbbb")}`, `.staging-${buildId(process.pid, "cccccc")}`, `.staging-${buildId(process.pid, "dddddd")}`, ".staging-crashed"]) {
      await mkdir(path.join(versions, name));
      await writeFile(path.join(versions, name, "hnswlib.index"), "partial");
    }
    // This process is writing one of its own staging folders right now.
    const unmark = markInFlight(path.join(versions, `.staging-${buildId(process.pid, "dddddd")}`));
    await removeLeftovers(root);
    unmark();
    expect((await readdir(versions)).sort()).toEqual([`.staging-${buildId(LIVE_PID, "bbbbbb")}`, `.staging-${buildId(process.pid, "dddddd")}`].sort());
  });

  it("removes `current.next-*` links left by a kill during the link swap, dangling or not", async () => {
    await mkdir(path.join(versions, buildId(DEAD_PID, "aaaaaa")));
    await symlink(path.join("versions", buildId(DEAD_PID, "aaaaaa")), path.join(root, `current.next-${DEAD_PID}-x1y2z3`));
    await symlink(path.join("versions", "gone"), path.join(root, `current.next-${DEAD_PID}`));
    await symlink(path.join("versions", "gone"), path.join(root, `current.next-${LIVE_PID}-a1b2c3`));
    await removeLeftovers(root);
    expect((await readdir(root)).sort()).toEqual([`current.next-${LIVE_PID}-a1b2c3`, "versions"]);
  });

  it("removes lock drafts of processes that no longer run", async () => {
    const holder = (pid: number, token: string) => JSON.stringify({ pid, hostname: os.hostname(), startedAt: "2026-12-01T10:00:00.000Z", token, command: "ingest" });
    await writeFile(path.join(root, `ingest.lock.${DEAD_PID}-aaaa`), holder(DEAD_PID, "aaaa"));
    await writeFile(path.join(root, `ingest.lock.${LIVE_PID}-bbbb`), holder(LIVE_PID, "bbbb"));
    await writeFile(path.join(root, "ingest.lock.takeover-cccc"), holder(DEAD_PID, "dddd"));
    await removeLeftovers(root);
    expect((await readdir(root)).sort()).toEqual([`ingest.lock.${LIVE_PID}-bbbb`, "versions"]);
  });
});

describe("removeOldVersions", () => {
  it("keeps the builds it is told to keep and those this process is finishing", async () => {
    const names = ["a", "b", "c", "d"].map((suffix) => buildId(DEAD_PID, `${suffix}aaaaa`));
    for (const name of names) await mkdir(path.join(versions, name));
    await mkdir(path.join(versions, `.staging-${buildId(LIVE_PID, "eeeeee")}`));
    const unmark = markInFlight(path.join(versions, names[3]!));
    await removeOldVersions(root, [names[1], names[2]]);
    unmark();
    expect((await readdir(versions)).sort()).toEqual([`.staging-${buildId(LIVE_PID, "eeeeee")}`, names[1], names[2], names[3]]);
  });
});
