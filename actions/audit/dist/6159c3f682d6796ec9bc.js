import { parentPort } from "node:worker_threads";
import { builtinMatcher, scanTasks } from "./scan.js";
// Built now, while the main thread lists the files, rather than on the first batch.
builtinMatcher();
/** Scans one batch and replies with its result. */
async function handle(request) {
    const addBytes = (n) => Number(Atomics.add(request.shared, 0, BigInt(n))) + n;
    try {
        const result = await scanTasks(request.tasks, request.settings, addBytes);
        parentPort?.postMessage({ kind: "done", result });
    }
    catch (error) {
        parentPort?.postMessage({
            kind: "error",
            message: error instanceof Error ? error.message : String(error),
        });
    }
}
// Batches arrive ahead of time; they are scanned one after the other (a thread scans one file at a
// time: small files share one read buffer).
let queue = Promise.resolve();
parentPort?.on("message", (request) => {
    queue = queue.then(() => handle(request));
});
//# sourceMappingURL=worker.js.map