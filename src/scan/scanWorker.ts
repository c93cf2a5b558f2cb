// Worker thread of a parallel scan: its own parsers and embedded model; takes files from the shared queue
// until it is empty, then sends back what it found.
import { parentPort, workerData } from "node:worker_threads";
import { UnitSplitter } from "../lang/UnitSplitter.js";
import { createDetector } from "../models/registry.js";
import type { DetectorOptions } from "../models/Detector.js";
import { FileScanner, type FileScannerOptions, type FileTask, type ScanPart } from "./FileScanner.js";
import { ModelStage } from "./ModelStage.js";
import { takeNext } from "./scanInWorkers.js";

export interface WorkerSetup {
  model: string;
  detectorOptions: DetectorOptions;
  scanner: FileScannerOptions;
}

/** What a worker is started with: the setup, every file of the scan, and the shared index of the next one. */
export interface WorkerData {
  setup: WorkerSetup;
  tasks: readonly FileTask[];
  next: Int32Array;
}

export type FromWorker =
  | { type: "done"; rel: string }
  | { type: "part"; part: ScanPart }
  | { type: "error"; message: string; name: string };

const port = parentPort!;
const { setup, tasks, next } = workerData as WorkerData;
const post = (message: FromWorker) => port.postMessage(message);

try {
  const splitter = await UnitSplitter.create();
  const detector = await createDetector(setup.model, setup.detectorOptions);
  const scanner = new FileScanner(splitter, new ModelStage(detector, 1), undefined, setup.scanner);
  for (let task = takeNext(tasks, next); task; task = takeNext(tasks, next)) {
    await scanner.scan(task);
    post({ type: "done", rel: task.rel });
  }
  const part = await scanner.finish();
  await detector.close();
  splitter.delete();
  post({ type: "part", part });
  port.close();
} catch (err) {
  post({ type: "error", message: (err as Error).message, name: (err as Error).name });
}
