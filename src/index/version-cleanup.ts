import { realpath, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { removeLockLeftovers } from "./index-lock.js";
import { NEXT_LINK_PREFIX, STAGING_PREFIX, currentLink, versionsDir } from "./index-paths.js";
import { isAbandoned, isInFlight } from "./owner-process.js";
import { buildIdPid } from "./prepare-build.js";

async function entries(directory: string): Promise<string[]> {
  return readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
}

/**
 * Removes what interrupted builds left behind: staging folders, `current.next-*` links and lock
 * files (drafts, takeovers) whose process no longer runs. Another live process's staging folder is never touched.
 */
export async function removeLeftovers(root: string): Promise<void> {
  const versions = versionsDir(root);
  const staging = (await entries(versions))
    .filter((name) => name.startsWith(STAGING_PREFIX))
    .map((name) => ({ entry: path.join(versions, name), pid: buildIdPid(name.slice(STAGING_PREFIX.length)) }));
  const links = (await entries(root))
    .filter((name) => name.startsWith(NEXT_LINK_PREFIX))
    .map((name) => ({ entry: path.join(root, name), pid: leadingPid(name.slice(NEXT_LINK_PREFIX.length)) }));
  await Promise.all([...staging, ...links].filter(({ entry, pid }) => isAbandoned(entry, pid)).map(({ entry }) => rm(entry, { recursive: true, force: true })));
  await removeLockLeftovers(root);
}

function leadingPid(suffix: string): number | undefined {
  const match = /^(\d+)(?:-|$)/.exec(suffix);
  return match ? Number(match[1]) : undefined;
}

/** Deletes finished builds other than `keep` (the new build and the one it replaced) and those in progress in this process. */
export async function removeOldVersions(root: string, keep: Array<string | undefined>): Promise<void> {
  const versions = versionsDir(root);
  // Whatever `current` points at now is never deleted, even if another build switched it since this one did.
  const current = await realpath(currentLink(root)).then((target) => path.basename(target), () => undefined);
  const old = (await entries(versions)).filter(
    (name) => !name.startsWith(".") && !keep.includes(name) && name !== current && !isInFlight(path.join(versions, name)),
  );
  await Promise.all(old.map((name) => rm(path.join(versions, name), { recursive: true, force: true })));
}
