import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/**
 * A task module run by a WorkerPool: `run` maps one input to one output, or a promise of it (pure: it
 * keeps no state between inputs, as they go to whichever worker is free); `transferList` names the buffers of
 * an output that are moved to the caller instead of copied. `shared` is given to every call: read-only
 * data every input needs (a model), sent once per worker; put large arrays in a SharedArrayBuffer so
 * the workers share one copy.
 */
export interface WorkerTask<Shared, Input, Output> {
  run(input: Input, shared: Shared): Output | Promise<Output>;
  transferList?(output: Output): ArrayBuffer[];
}

export interface WorkerPoolOptions<Shared> {
  /** The task module (`taskModule("./my-task", import.meta.url)`): it exports `run` (and `transferList`) as `WorkerTask` says. */
  task: URL;
  /** Worker threads; 1 runs every input in this thread, in order, with no worker at all. */
  workers: number;
  shared: Shared;
}

/**
 * The task module `name` beside the calling module, with the caller's own extension: `.ts` where the
 * sources run as they are (tsx, vitest), `.js` where they were compiled.
 * @example taskModule("./embed-task", import.meta.url)
 */
export function taskModule(name: string, callerUrl: string): URL {
  return new URL(`${name}${path.extname(fileURLToPath(callerUrl))}`, callerUrl);
}

/** The input slices `[start, end)` that split `count` items for `workers` threads: a few per thread so a slow one does not hold the rest up, at least `minimum` items each. */
export function sliceRanges(count: number, workers: number, minimum = 256): Array<[number, number]> {
  const slices = Math.max(1, Math.min(workers * 4, Math.ceil(count / minimum)));
  const size = Math.ceil(count / slices);
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < count; start += size) ranges.push([start, Math.min(count, start + size)]);
  return ranges;
}

/**
 * A fixed set of worker threads running one task module. `map` sends each input to the next free
 * worker and returns the outputs in input order, so a result never depends on which worker ran what
 * or on the number of workers. With `workers: 1` it runs the same task in this thread instead.
 */
export class WorkerPool<Shared, Input, Output> {
  private constructor(
    private readonly options: WorkerPoolOptions<Shared>,
    private readonly local: WorkerTask<Shared, Input, Output> | undefined,
    private readonly threads: Worker[],
  ) {}

  /** Starts the workers (or loads the task here for `workers: 1`) and waits until each is ready. */
  static async start<Shared, Input, Output>(options: WorkerPoolOptions<Shared>): Promise<WorkerPool<Shared, Input, Output>> {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError(`workers must be a whole number from 1, not ${options.workers}`);
    if (options.workers === 1) {
      const task = (await import(options.task.href)) as WorkerTask<Shared, Input, Output>;
      return new WorkerPool(options, task, []);
    }
    const entry = new URL("./worker-entry.mjs", import.meta.url);
    const threads = Array.from({ length: options.workers }, () => new Worker(entry, { workerData: { task: options.task.href, shared: options.shared } }));
    try {
      await Promise.all(
        threads.map(
          (thread) =>
            new Promise<void>((resolve, reject) => {
              thread.once("error", reject);
              thread.once("message", () => {
                thread.off("error", reject);
                resolve();
              });
            }),
        ),
      );
    } catch (error) {
      await Promise.all(threads.map((thread) => thread.terminate()));
      throw error;
    }
    return new WorkerPool(options, undefined, threads);
  }

  get size(): number {
    return this.options.workers;
  }

  /**
   * Runs the task on every input; outputs in input order. `onOutput` is called as each one arrives
   * (for progress). `queued` inputs are sent to each worker ahead (1: the next goes to whichever
   * finishes first, so only a worker's share of the inputs is copied at a time); a caller that keeps
   * this thread busy meanwhile sends them all at once (`Infinity`), or the workers wait for it.
   */
  async map(inputs: readonly Input[], options: { onOutput?: (index: number, output: Output) => void; queued?: number } = {}): Promise<Output[]> {
    const { onOutput } = options;
    // The caller may change its array once this returns a promise; the inputs are the ones given now.
    inputs = [...inputs];
    if (this.local) {
      const outputs: Output[] = [];
      for (const input of inputs) {
        outputs.push(await this.local.run(input, this.options.shared));
        onOutput?.(outputs.length - 1, outputs.at(-1)!);
      }
      return outputs;
    }
    const outputs = new Array<Output>(inputs.length);
    const queued = Math.max(1, options.queued ?? 1);
    let next = 0;
    const work = (thread: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        let pending = 0;
        const post = () => {
          while (pending < queued && next < inputs.length) {
            thread.postMessage({ index: next, input: inputs[next] });
            next += 1;
            pending += 1;
          }
          if (pending === 0) finish();
        };
        const onMessage = (message: { index: number; output?: unknown; error?: unknown }) => {
          if ("error" in message) return fail(message.error);
          pending -= 1;
          outputs[message.index] = message.output as Output;
          onOutput?.(message.index, outputs[message.index]!);
          post();
        };
        const onExit = (code: number) => fail(new Error(`a worker thread exited (code ${code}) with inputs unfinished`));
        const cleanup = () => {
          thread.off("message", onMessage);
          thread.off("error", fail);
          thread.off("exit", onExit);
        };
        const finish = () => {
          cleanup();
          resolve();
        };
        function fail(error: unknown) {
          cleanup();
          reject(error);
        }
        thread.on("message", onMessage);
        thread.on("error", fail);
        thread.on("exit", onExit);
        post();
      });
    await Promise.all(this.threads.map(work));
    return outputs;
  }

  /** Stops the workers; the pool cannot be used afterwards. */
  async close(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }
}

/** Starts a pool (no more workers than inputs), maps the inputs and closes it again, also on failure. */
export async function mapInWorkers<Shared, Input, Output>(
  options: WorkerPoolOptions<Shared>,
  inputs: readonly Input[],
  mapOptions: Parameters<WorkerPool<Shared, Input, Output>["map"]>[1] = {},
): Promise<Output[]> {
  const pool = await WorkerPool.start<Shared, Input, Output>({ ...options, workers: Math.max(1, Math.min(options.workers, inputs.length)) });
  try {
    return await pool.map(inputs, mapOptions);
  } finally {
    await pool.close();
  }
}
