// Spreads files over worker threads plus the calling thread (the embedded model is CPU-bound and
// synchronous). Every thread takes the next file from one shared counter, so none waits on another to hand
// it work, and a few large files do not leave a thread idle.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { UserError } from "../util/errors.js";
import type { FileTask, ScanPart } from "./FileScanner.js";
import type { FromWorker, WorkerData, WorkerSetup } from "./scanWorker.js";

const WORKER = new URL("./scanWorker.js", import.meta.url);

/** Workers need the compiled worker file; running from TypeScript sources (tests) scans in-process. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/** The index of the next file to scan, shared by every thread; `Atomics.add` hands each file out once. */
export function takeNext(tasks: readonly FileTask[], next: Int32Array): FileTask | undefined {
  const i = Atomics.add(next, 0, 1);
  return i < tasks.length ? tasks[i] : undefined;
}

/**
 * Scan `tasks` with `jobs` threads: `jobs - 1` workers and `scanHere`, which the calling thread runs with
 * its own scanner (it takes from the same queue through `take`).
 */
export async function scanInWorkers(
  tasks: readonly FileTask[],
  jobs: number,
  setup: WorkerSetup,
  onDone: (rel: string) => void,
  scanHere: (take: () => FileTask | undefined) => Promise<ScanPart>,
  signal?: AbortSignal,
): Promise<ScanPart[]> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  // An abort empties the queue for every thread; each finishes the file it is on.
  const stop = () => Atomics.store(next, 0, tasks.length);
  signal?.addEventListener("abort", stop);
  const run = (worker: Worker) =>
    new Promise<ScanPart>((resolve, reject) => {
      worker.on("message", (message: FromWorker) => {
        if (message.type === "done") onDone(message.rel);
        else if (message.type === "part") resolve(message.part);
        else reject(message.name === "UserError" ? new UserError(message.message) : new Error(message.message));
      });
      worker.on("error", reject);
      worker.on("exit", (code) => code !== 0 && reject(new Error(`scan worker exited with code ${code}`)));
    });
  const workerData: WorkerData = { setup, tasks, next };
  const workers = Array.from({ length: Math.max(0, jobs - 1) }, () => new Worker(WORKER, { workerData }));
  try {
    const parts = await Promise.all([scanHere(() => takeNext(tasks, next)), ...workers.map(run)]);
    signal?.throwIfAborted();
    return parts;
  } catch (err) {
    stop();
    throw err;
  } finally {
    signal?.removeEventListener("abort", stop);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
