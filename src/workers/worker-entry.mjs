// The entry of every worker thread of a WorkerPool (worker-pool.ts). Plain JavaScript, so Node can
// start it as it is under tsx (npm scripts) and under vitest alike; a task written in TypeScript is
// loaded through tsx's loader, registered here in the worker.
import { parentPort, workerData } from "node:worker_threads";

if (workerData.task.endsWith(".ts")) {
  const { register } = await import("tsx/esm/api");
  register();
}
const task = await import(workerData.task);
parentPort.on("message", async ({ index, input }) => {
  try {
    const output = await task.run(input, workerData.shared);
    parentPort.postMessage({ index, output }, task.transferList ? task.transferList(output) : []);
  } catch (error) {
    parentPort.postMessage({ index, error });
  }
});
parentPort.postMessage({ ready: true });
