import { parentPort } from "node:worker_threads";
import type { FileTask } from "../walk/files.js";
import type { ScanLimits } from "../walk/limits.js";
import type { WorkerReply } from "./pool.js";
import { builtinMatcher, scanTasks } from "./scan.js";

/** A batch of files to scan, with the settings and the shared byte counter. */
interface WorkerRequest {
  tasks: FileTask[];
  settings: { limits: ScanLimits; decodeDepth: number };
  shared: BigInt64Array;
}

// Built now, while the main thread lists the files, rather than on the first batch.
builtinMatcher();

/** Scans one batch and replies with its result. */
async function handle(request: WorkerRequest): Promise<void> {
  const addBytes = (n: number): number => Number(Atomics.add(request.shared, 0, BigInt(n))) + n;
  try {
    const result = await scanTasks(request.tasks, request.settings, addBytes);
    parentPort?.postMessage({ kind: "done", result } satisfies WorkerReply);
  } catch (error) {
    parentPort?.postMessage({
      kind: "error",
      message: error instanceof Error ? error.message : String(error),
    } satisfies WorkerReply);
  }
}

// Batches arrive ahead of time; they are scanned one after the other (a thread scans one file at a
// time: small files share one read buffer).
let queue: Promise<void> = Promise.resolve();
parentPort?.on("message", (request: WorkerRequest) => {
  queue = queue.then(() => handle(request));
});
