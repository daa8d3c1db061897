import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";
import type { RagContext } from "../context.js";
import { AppError } from "../errors.js";
import { HttpError } from "./http-errors.js";

export type ServiceStatus = "starting" | "ready" | "failed" | "draining";

/**
 * Where the service is in its life: the index loading (routes that need it answer 503), ready, failed
 * to load, or draining during shutdown (readiness fails so load balancers stop sending traffic).
 */
export class ServiceState {
  private context?: RagContext;
  private failure?: unknown;
  private draining = false;
  private readonly stopping = new AbortController();
  private readonly listeners: Array<(context: RagContext) => void> = [];
  /** The context each request started on: it keeps using it when a newer build is switched to. */
  private readonly pinned = new AsyncLocalStorage<RagContext>();
  /** Requests running per context, and what to do when a replaced context's last request ends. */
  private readonly inFlight = new Map<RagContext, number>();
  private readonly onDrained = new Map<RagContext, () => void>();

  constructor(context: RagContext | Promise<RagContext>) {
    // Every running request listens for the stop; that is not a leak.
    setMaxListeners(0, this.stopping.signal);
    if (context instanceof Promise) {
      context.then(
        (loaded) => this.setReady(loaded),
        (error: unknown) => {
          this.failure = error;
        },
      );
    } else {
      this.setReady(context);
    }
  }

  private setReady(context: RagContext): void {
    this.context = context;
    for (const listener of this.listeners) listener(context);
  }

  get status(): ServiceStatus {
    if (this.draining) return "draining";
    if (this.context) return "ready";
    return this.failure === undefined ? "starting" : "failed";
  }

  /** Calls the listener once the context is loaded (at once if it already is). */
  onReady(listener: (context: RagContext) => void): void {
    if (this.context) listener(this.context);
    else this.listeners.push(listener);
  }

  /** Readiness fails from now on; requests in flight still finish. */
  drain(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Fires when the shutdown deadline passes: requests still running end with 503 `shutting_down` (a stream with an `error` event). */
  get stopSignal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Ends the requests still running (SHUTDOWN_TIMEOUT_MS passed), so each can answer before its connection closes. */
  stopInFlight(): void {
    this.stopping.abort(
      new HttpError(503, "shutting_down", "The service is shutting down and could not finish this request within SHUTDOWN_TIMEOUT_MS; retry it."),
    );
  }

  /** The context new requests get (not the one a running request is pinned to). */
  get current(): RagContext | undefined {
    return this.context;
  }

  /**
   * Runs `next` (the rest of a request) pinned to the current context until `response` closes, so
   * every `require()` of that request returns the same context even if a newer one is switched to.
   */
  pin(response: { once(event: "close", listener: () => void): unknown }, next: () => void): void {
    const context = this.context;
    if (!context) return next();
    this.inFlight.set(context, (this.inFlight.get(context) ?? 0) + 1);
    response.once("close", () => {
      const left = (this.inFlight.get(context) ?? 1) - 1;
      if (left > 0) return void this.inFlight.set(context, left);
      this.inFlight.delete(context);
      this.onDrained.get(context)?.();
    });
    this.pinned.run(context, next);
  }

  /**
   * Makes `next` the context of new requests at once; resolves with the replaced one after the
   * requests still running on it have ended (the caller closes it then).
   */
  switchTo(next: RagContext): Promise<RagContext | undefined> {
    const previous = this.context;
    this.setReady(next);
    if (!previous || previous === next) return Promise.resolve(undefined);
    if (!this.inFlight.has(previous)) return Promise.resolve(previous);
    return new Promise((resolve) =>
      this.onDrained.set(previous, () => {
        this.onDrained.delete(previous);
        resolve(previous);
      }),
    );
  }

  /** The loaded context, or a 503 that says why there is none (yet). */
  require(): RagContext {
    const pinned = this.pinned.getStore();
    if (pinned) return pinned;
    if (this.context) return this.context;
    if (this.failure !== undefined) {
      const reason = this.failure instanceof AppError ? this.failure.message : "see the server log";
      throw new HttpError(503, "index_unavailable", `The index failed to load: ${reason}`);
    }
    throw new HttpError(503, "index_not_ready", "The index is still loading; retry in a few seconds.", { headers: { "retry-after": "5" } });
  }
}
