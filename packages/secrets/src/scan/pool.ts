import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { SecretsError } from "../errors.js";
import type { FileTask } from "../walk/files.js";
import type { ScanLimits } from "../walk/limits.js";
import { emptyPartial, mergePartial, type PartialResult } from "./collect.js";

/** Messages from a worker. */
export type WorkerReply = { kind: "done"; result: PartialResult } | { kind: "error"; message: string };

/** How many workers to start when asked for "as many as there are cores". */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Scans a batch of files in this thread (scanTasks), counting bytes with `addBytes`. */
export type LocalScan = (
  tasks: FileTask[],
  settings: { limits: ScanLimits; decodeDepth: number },
  addBytes: (n: number) => number,
) => Promise<PartialResult>;

/** Worker threads started ahead of the file listing, so that they load while the directories are read. */
export interface ScanPool {
  /**
   * Scans tasks on the pool's threads. Files are handed out in batches (the next to whichever
   * worker is free) that shrink towards the end, so one large file does not hold up the rest; the
   * byte budget is one shared counter.
   */
  run(
    tasks: FileTask[],
    settings: { limits: ScanLimits; decodeDepth: number },
    local?: LocalScan,
  ): Promise<PartialResult>;
  /** Stops the threads. */
  close(): Promise<void>;
}

/** Starts `count` scan workers; each builds its rule matcher as it starts. */
export function startPool(count: number): ScanPool {
  const url = new URL("./worker.js", import.meta.url);
  if (url.protocol !== "file:" || !existsSync(fileURLToPath(url))) {
    throw new SecretsError(
      "SECRETS_WORKER_FAILED",
      `the scan worker ${url.pathname} is missing (running from sources?)`,
      {
        hint: "build the package (npm run build) or scan in one thread with --workers 0",
      },
    );
  }
  // A worker holds one 4 MB text chunk at a time (buffers of nested zips live outside the heap):
  // capping the heap makes the garbage collector keep it small instead of growing with the input.
  const resourceLimits = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 };
  const workers = Array.from({ length: count }, () => new Worker(url, { resourceLimits }));
  // A worker that fails before it is given work (while the files are listed) fails the run.
  const early: Error[] = [];
  for (const worker of workers) worker.on("error", (error) => early.push(error));
  return {
    run: (tasks, settings, local) => {
      const failed = early[0];
      if (failed) {
        const message = `a scan worker crashed: ${failed.message}`;
        return Promise.reject(new SecretsError("SECRETS_WORKER_FAILED", message, { cause: failed }));
      }
      return runTasks(workers, tasks, settings, local);
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

async function runTasks(
  workers: Worker[],
  tasks: FileTask[],
  settings: { limits: ScanLimits; decodeDepth: number },
  local: LocalScan | undefined,
): Promise<PartialResult> {
  const shared = new BigInt64Array(new SharedArrayBuffer(8));
  const total = emptyPartial();
  const threads = workers.length + (local ? 1 : 0);
  let next = 0;
  let failed = false;
  // Guided batches: up to `most` files while many are left (few messages), fewer towards the
  // end, so that the threads finish together.
  const take = (most: number): FileTask[] => {
    const size = Math.min(most, Math.max(1, Math.floor((tasks.length - next) / (threads * 8))));
    const batch = tasks.slice(next, next + size);
    next += batch.length;
    return batch;
  };
  const runOne = (worker: Worker): Promise<void> =>
    new Promise((resolveRun, rejectRun) => {
      const fail = (error: SecretsError): void => {
        failed = true;
        rejectRun(error);
      };
      // Two batches in flight per worker: the next is already queued when one is done, so the
      // worker does not wait for the main thread between batches.
      let inFlight = 0;
      const send = (): void => {
        while (inFlight < 2 && next < tasks.length) {
          inFlight++;
          worker.postMessage({ tasks: take(64), settings, shared });
        }
        if (inFlight === 0) resolveRun();
      };
      worker.on("message", (reply: WorkerReply) => {
        if (reply.kind === "error") {
          fail(new SecretsError("SECRETS_WORKER_FAILED", `a scan worker failed: ${reply.message}`));
          return;
        }
        inFlight--;
        mergePartial(total, reply.result);
        send();
      });
      worker.on("error", (error) =>
        fail(new SecretsError("SECRETS_WORKER_FAILED", `a scan worker crashed: ${error.message}`, { cause: error })),
      );
      send();
    });
  // This thread scans too, in small batches, and between them answers the workers.
  const runLocal = async (scan: LocalScan): Promise<void> => {
    const addBytes = (n: number): number => Number(Atomics.add(shared, 0, BigInt(n))) + n;
    while (next < tasks.length && !failed) {
      mergePartial(total, await scan(take(16), settings, addBytes));
      await new Promise((resolveTurn) => setImmediate(resolveTurn));
    }
  };
  await Promise.all([...workers.map(runOne), ...(local ? [runLocal(local)] : [])]);
  return total;
}
