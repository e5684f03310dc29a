import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { SecretsError } from "../errors.js";
import type { CompiledRule } from "../rules/compile.js";
import type { FileTask } from "../walk/list.js";
import { claimFrom, sharedCursor } from "./claim.js";
import { emptyPartial, mergePartial, type PartialResult } from "./collect.js";
import type { ScanSettings } from "./scan-files.js";
import { type PackedTasks, packTasks } from "./task-batch.js";

/**
 * Messages to a worker: its settings, the rules (validated and compiled by this thread: a regex,
 * guards of plain bytes, all structured-clonable; the worker loads no schema library and compiles
 * nothing) and the shared memory; then the files as they are listed; then the end of the list.
 */
export type WorkerRequest =
  | { kind: "start"; settings: ScanSettings; rules: CompiledRule[]; cursor: Int32Array; bytes: BigInt64Array }
  | { kind: "files"; tasks: PackedTasks }
  | { kind: "end" };

/** Messages from a worker: what it scanned, once every file is taken; or why it failed. */
export type WorkerReply = { kind: "done"; result: PartialResult } | { kind: "error"; message: string };

/** How many workers to start when asked for "as many as there are cores". */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** Scans, in this thread, the files `next` hands out (scanClaimed), counting bytes with `addBytes`. */
export type LocalScan = (next: () => FileTask | undefined, addBytes: (n: number) => number) => Promise<PartialResult>;

/** Worker threads that scan files as they are listed, taking each from a shared cursor. */
export interface ScanPool {
  /** Hands listed files to the workers, which start on them at once. */
  add(tasks: FileTask[]): void;
  /**
   * Ends the list; this thread then takes files from the same cursor as the workers (with
   * `local`) until none is left, and the result of every thread is merged.
   */
  finish(local: LocalScan): Promise<PartialResult>;
  /** Stops the threads. */
  close(): Promise<void>;
}

/** What became of one worker: its result, or the error that failed the scan. */
type Outcome = { result: PartialResult } | { error: SecretsError };

function workerFailed(message: string, cause?: unknown): SecretsError {
  return new SecretsError("SECRETS_WORKER_FAILED", message, cause === undefined ? {} : { cause });
}

/** Settles with a worker's result, or its failure (an error message or event, or an exit before its result). */
function outcomeOf(worker: Worker, onFailure: () => void): Promise<Outcome> {
  return new Promise((settle) => {
    const fail = (error: SecretsError): void => {
      onFailure();
      settle({ error });
    };
    worker.on("message", (reply: WorkerReply) => {
      if (reply.kind === "done") settle({ result: reply.result });
      else fail(workerFailed(`a scan worker failed: ${reply.message}`));
    });
    worker.on("error", (error) => fail(workerFailed(`a scan worker crashed: ${error.message}`, error)));
    worker.on("exit", (code) => fail(workerFailed(`a scan worker stopped (exit code ${code}) before it was done`)));
  });
}

/** Starts `count` scan workers; each builds its rule matcher from `rules()` as it starts. */
export function startPool(count: number, settings: ScanSettings, rules: () => CompiledRule[]): ScanPool {
  const url = new URL("./worker.js", import.meta.url);
  if (url.protocol !== "file:" || !existsSync(fileURLToPath(url))) {
    throw new SecretsError(
      "SECRETS_WORKER_FAILED",
      `the scan worker ${url.pathname} is missing (running from sources?)`,
      { hint: "build the package (npm run build) or scan in one thread with --workers 0" },
    );
  }
  // A worker holds one 4 MB text chunk at a time (buffers of nested zips live outside the heap):
  // capping the heap makes the garbage collector keep it small instead of growing with the input.
  const resourceLimits = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 32 };
  const cursor = sharedCursor();
  const bytes = new BigInt64Array(new SharedArrayBuffer(8));
  const addBytes = (n: number): number => Number(Atomics.add(bytes, 0, BigInt(n))) + n;
  const tasks: FileTask[] = [];
  let failed = false;
  const workers = Array.from({ length: count }, () => new Worker(url, { resourceLimits }));
  const outcomes = workers.map((worker) => outcomeOf(worker, () => (failed = true)));
  // The rules are read and compiled while the workers load.
  const start: WorkerRequest = { kind: "start", settings, rules: rules(), cursor, bytes };
  for (const worker of workers) worker.postMessage(start);
  return {
    add: (batch) => {
      for (const task of batch) tasks.push(task);
      const message: WorkerRequest = { kind: "files", tasks: packTasks(batch) };
      for (const worker of workers) worker.postMessage(message);
    },
    finish: async (local) => {
      for (const worker of workers) worker.postMessage({ kind: "end" } satisfies WorkerRequest);
      // This thread stops taking files once a worker has failed (the scan fails anyway).
      const mine = await local(() => (failed ? undefined : claimFrom(cursor, tasks)), addBytes);
      const total = emptyPartial();
      for (const outcome of await Promise.all(outcomes)) {
        if ("error" in outcome) throw outcome.error;
        mergePartial(total, outcome.result);
      }
      mergePartial(total, mine);
      return total;
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
