import type { Logger } from "pino";
import type { RagContext } from "../context.js";
import type { ServiceState } from "./service-state.js";

export interface BuildFollowerOptions {
  state: ServiceState;
  /** How often to read the current build id (INDEX_POLL_SECONDS). */
  intervalMs: number;
  /** Loads the current build as a new context (createRagContext). */
  load: () => Promise<RagContext>;
  logger: Logger;
}

export interface BuildFollower {
  /** Stops polling; a load still running is awaited and its context closed. */
  stop(): Promise<void>;
}

/**
 * Follows the builds of the index store: every `intervalMs` it reads the current build id, and when
 * it differs from the one being served, loads the new build in the background and switches to it.
 * Requests keep being answered throughout: those already running finish on the old context (pinned
 * by `ServiceState.pin`), which is closed once they have. A load that fails is logged and retried at
 * the next poll; the old build is served meanwhile.
 */
export function followBuilds({ state, intervalMs, load, logger }: BuildFollowerOptions): BuildFollower {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const check = async (): Promise<void> => {
    const serving = state.current;
    if (!serving || state.isDraining) return;
    const current = await serving.currentBuildId();
    if (current === undefined || current === serving.manifest.buildId) return;
    logger.info({ from: serving.manifest.buildId, to: current }, "a new build is current: loading it");
    const next = await load();
    if (stopped || state.isDraining) {
      await next.close();
      return;
    }
    const previous = await state.switchTo(next).then(async (replaced) => {
      logger.info({ buildId: next.manifest.buildId, replaced: serving.manifest.buildId }, "switched to the new build");
      return replaced;
    });
    // Closed once the requests that were running on it have ended (switchTo resolves then).
    void previous?.close().catch((error: unknown) => logger.warn({ err: error }, "closing the replaced build failed"));
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = check()
        .catch((error: unknown) => logger.warn({ err: error }, "following the current build failed; serving the loaded build and retrying at the next poll"))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
