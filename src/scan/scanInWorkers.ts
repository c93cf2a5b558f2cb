// Spreads files over worker threads plus the calling thread (the embedded model is CPU-bound and
// synchronous). Files are handed out one at a time from a shared queue, each worker holding one in
// reserve, so a few large files do not leave a thread idle.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { UserError } from "../util/errors.js";
import type { FileTask, ScanPart } from "./FileScanner.js";
import type { FromWorker, ToWorker, WorkerSetup } from "./scanWorker.js";

const WORKER = new URL("./scanWorker.js", import.meta.url);
/** Files a worker holds beyond the one it is scanning. */
const RESERVE = 1;

/** Workers need the compiled worker file; running from TypeScript sources (tests) scans in-process. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/**
 * Scan `tasks` with `jobs` threads: `jobs - 1` workers and `scanHere`, which the calling thread runs with
 * its own scanner (it pulls from the same queue through `take`).
 */
export async function scanInWorkers(
  tasks: readonly FileTask[],
  jobs: number,
  setup: WorkerSetup,
  onDone: (rel: string) => void,
  scanHere: (take: () => FileTask | undefined) => Promise<ScanPart>,
  signal?: AbortSignal,
): Promise<ScanPart[]> {
  let next = 0;
  const take = () => (signal?.aborted || next >= tasks.length ? undefined : tasks[next++]);
  const run = (worker: Worker) =>
    new Promise<ScanPart>((resolve, reject) => {
      let finished = false;
      const feed = () => {
        const task = take();
        if (task) worker.postMessage({ type: "file", task } satisfies ToWorker);
        else if (!finished) {
          finished = true;
          worker.postMessage({ type: "finish" } satisfies ToWorker);
        }
      };
      worker.on("message", (message: FromWorker) => {
        if (message.type === "ready") for (let i = 0; i <= RESERVE; i++) feed();
        else if (message.type === "done") {
          onDone(message.rel);
          feed();
        } else if (message.type === "part") resolve(message.part);
        else reject(message.name === "UserError" ? new UserError(message.message) : new Error(message.message));
      });
      worker.on("error", reject);
      worker.on("exit", (code) => code !== 0 && reject(new Error(`scan worker exited with code ${code}`)));
    });
  const workers = Array.from({ length: Math.max(0, jobs - 1) }, () => new Worker(WORKER, { workerData: setup }));
  try {
    const parts = await Promise.all([scanHere(take), ...workers.map(run)]);
    signal?.throwIfAborted();
    return parts;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
