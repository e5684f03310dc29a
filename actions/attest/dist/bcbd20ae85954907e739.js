import { parentPort } from "node:worker_threads";
import { builtinMatcher, scanTasks } from "./scan.js";
// Built now, while the main thread lists the files, rather than on the first batch.
builtinMatcher();
parentPort?.on("message", (request) => {
    const addBytes = (n) => Number(Atomics.add(request.shared, 0, BigInt(n))) + n;
    scanTasks(request.tasks, request.settings, addBytes).then((result) => parentPort?.postMessage({ kind: "done", result }), (error) => parentPort?.postMessage({
        kind: "error",
        message: error instanceof Error ? error.message : String(error),
    }));
});
//# sourceMappingURL=worker.js.map