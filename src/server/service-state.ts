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
  private readonly listeners: Array<(context: RagContext) => void> = [];

  constructor(context: RagContext | Promise<RagContext>) {
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
