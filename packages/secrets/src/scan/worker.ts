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

parentPort?.on("message", (request: WorkerRequest) => {
  const addBytes = (n: number): number => Number(Atomics.add(request.shared, 0, BigInt(n))) + n;
  scanTasks(request.tasks, request.settings, addBytes).then(
    (result) => parentPort?.postMessage({ kind: "done", result } satisfies WorkerReply),
    (error: unknown) =>
      parentPort?.postMessage({
        kind: "error",
        message: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
