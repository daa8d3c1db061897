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

  /** The loaded context, or a 503 that says why there is none (yet). */
  require(): RagContext {
    if (this.context) return this.context;
    if (this.failure !== undefined) {
      const reason = this.failure instanceof AppError ? this.failure.message : "see the server log";
      throw new HttpError(503, "index_unavailable", `The index failed to load: ${reason}`);
    }
    throw new HttpError(503, "index_not_ready", "The index is still loading; retry in a few seconds.", { headers: { "retry-after": "5" } });
  }
}
