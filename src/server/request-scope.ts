import type { Response } from "express";
import { ClientClosedError, RequestTimeoutError } from "./http-errors.js";

/** The life of one request: a signal that fires when the client leaves, the deadline passes or the service stops. */
export interface RequestScope {
  /** Pass to the chain: aborting it cancels the upstream LLM call. */
  readonly signal: AbortSignal;
  /** When the deadline passes (ms since the epoch): the LLM calls of the request share what is left of it. */
  readonly deadline: number;
  /** Resolves with the work, or rejects with RequestTimeoutError / ClientClosedError as soon as the signal fires. */
  run<T>(work: Promise<T>): Promise<T>;
  /** Clears the deadline timer; call when the response is complete. */
  dispose(): void;
}

/**
 * Starts the per-request deadline (REQUEST_TIMEOUT_MS) and watches for the client closing the
 * connection and for `stop` (the shutdown deadline: its reason is the error the request ends with).
 * One timer per request, cleared at the end (AbortSignal.timeout would keep thousands alive).
 */
export function requestScope(response: Response, timeoutMs: number, stop?: AbortSignal): RequestScope {
  const controller = new AbortController();
  const deadline = Date.now() + timeoutMs;
  const timer = setTimeout(() => controller.abort(new RequestTimeoutError(timeoutMs)), timeoutMs);
  timer.unref();
  const onClose = () => {
    if (!response.writableFinished) controller.abort(new ClientClosedError());
  };
  const onStop = () => controller.abort(stop!.reason);
  response.once("close", onClose);
  if (stop?.aborted) onStop();
  else stop?.addEventListener("abort", onStop, { once: true });
  return {
    signal: controller.signal,
    deadline,
    run<T>(work: Promise<T>): Promise<T> {
      const { signal } = controller;
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(signal.reason as Error);
        signal.addEventListener("abort", onAbort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
      });
    },
    dispose() {
      clearTimeout(timer);
      response.off("close", onClose);
      stop?.removeEventListener("abort", onStop);
    },
  };
}
