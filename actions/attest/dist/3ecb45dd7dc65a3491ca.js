import { parentPort } from "node:worker_threads";
import { Matcher } from "../detect/matcher.js";
import { claimFrom } from "./claim.js";
import { emptyPartial, mergePartial } from "./collect.js";
import { scanClaimed } from "./scan-files.js";
import { unpackTasks } from "./task-batch.js";
/** The files listed so far, in the order the main thread lists them (the cursor indexes them). */
const tasks = [];
let start;
/** The matcher of the rules the main thread sent, built on the first message (while the files are listed). */
let matcher;
/** Whether the list is complete. */
let ended = false;
let scanning = false;
let replied = false;
const partial = emptyPartial();
function reply(message) {
    replied = true;
    parentPort?.postMessage(message);
}
/**
 * Scans the files not yet taken, from the shared cursor, until none of those known is left; once
 * the list is complete and every file is taken, replies with everything this thread scanned.
 */
async function scanAvailable() {
    if (start === undefined || scanning || replied)
        return;
    const { cursor, bytes, settings } = start;
    scanning = true;
    try {
        const addBytes = (n) => Number(Atomics.add(bytes, 0, BigInt(n))) + n;
        matcher ??= new Matcher(start.rules);
        mergePartial(partial, await scanClaimed(() => claimFrom(cursor, tasks), settings, addBytes, matcher));
        // The list may have grown or ended while this thread scanned (messages are taken in between files).
        if (ended && Atomics.load(cursor, 0) >= tasks.length)
            reply({ kind: "done", result: partial });
    }
    catch (error) {
        reply({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
    finally {
        scanning = false;
    }
    if (!replied && Atomics.load(cursor, 0) < tasks.length)
        void scanAvailable();
}
parentPort?.on("message", (request) => {
    if (request.kind === "start")
        start = request;
    else if (request.kind === "files")
        unpackTasks(request.tasks, tasks);
    else
        ended = true;
    void scanAvailable();
});
//# sourceMappingURL=worker.js.map