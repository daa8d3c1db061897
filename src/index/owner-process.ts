/**
 * Whether the process that owns a lock, a staging folder or a link is still running on this machine.
 * EPERM means the process exists but belongs to another user: it is alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Paths this process is working on now (staging folders, finished folders before the switch, links, lock drafts). */
const inFlight = new Set<string>();

/** Marks paths as in use by this process; the returned function unmarks them. */
export function markInFlight(...paths: string[]): () => void {
  for (const entry of paths) inFlight.add(entry);
  return () => {
    for (const entry of paths) inFlight.delete(entry);
  };
}

/** Whether this process is working on a path now. */
export function isInFlight(entry: string): boolean {
  return inFlight.has(entry);
}

/**
 * Whether a leftover made by process `pid` may be removed: its owner no longer runs, or it is this
 * process and the path is not in use (a pid can repeat across runs, e.g. in containers). A name
 * without a pid comes from an older version of this project.
 */
export function isAbandoned(entry: string, pid: number | undefined): boolean {
  if (pid === undefined) return true;
  if (pid === process.pid) return !inFlight.has(entry);
  return !isProcessAlive(pid);
}
