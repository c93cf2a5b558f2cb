// Worker thread of a parallel scan: its own parsers and embedded model; scans the files it is sent, in order.
import { parentPort, workerData } from "node:worker_threads";
import { UnitSplitter } from "../lang/UnitSplitter.js";
import { createDetector } from "../models/registry.js";
import type { DetectorOptions } from "../models/Detector.js";
import { FileScanner, type FileScannerOptions, type FileTask, type ScanPart } from "./FileScanner.js";
import { ModelStage } from "./ModelStage.js";

export interface WorkerSetup {
  model: string;
  detectorOptions: DetectorOptions;
  scanner: FileScannerOptions;
}

export type ToWorker = { type: "file"; task: FileTask } | { type: "finish" };
export type FromWorker =
  | { type: "ready" }
  | { type: "done"; rel: string }
  | { type: "part"; part: ScanPart }
  | { type: "error"; message: string; name: string };

const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);
const fail = (err: unknown) => post({ type: "error", message: (err as Error).message, name: (err as Error).name });

try {
  const splitter = await UnitSplitter.create();
  const detector = await createDetector(setup.model, setup.detectorOptions);
  const scanner = new FileScanner(splitter, new ModelStage(detector, 1), undefined, setup.scanner);
  const queue: FileTask[] = [];
  let finishing = false;
  let running = false;
  const pump = async () => {
    if (running) return;
    running = true;
    try {
      while (queue.length) {
        const task = queue.shift()!;
        await scanner.scan(task);
        post({ type: "done", rel: task.rel });
      }
      if (finishing) {
        const part = await scanner.finish();
        await detector.close();
        splitter.delete();
        post({ type: "part", part });
        port.close();
      }
    } catch (err) {
      fail(err);
    } finally {
      running = false;
    }
  };
  port.on("message", (message: ToWorker) => {
    if (message.type === "file") queue.push(message.task);
    else finishing = true;
    void pump();
  });
  post({ type: "ready" });
} catch (err) {
  fail(err);
}
