import type { Matcher } from "../detect/matcher.js";
import type { WalkContext } from "../walk/context.js";
import { scanFile } from "../walk/files.js";
import type { ScanLimits } from "../walk/limits.js";
import type { FileTask } from "../walk/list.js";
import { collectInto, emptyPartial, type PartialResult } from "./collect.js";

/** Scan settings every thread gets: the limits and the decoding depth. */
export interface ScanSettings {
  limits: ScanLimits;
  decodeDepth: number;
}

/** Bytes a thread scans between turns of its event loop. */
const YIELD_BYTES = 4 * 1024 * 1024;

/**
 * Scans, in this thread and with `matcher`, the files `next` hands out (until it hands out none)
 * into one partial result; the byte budget is counted with `addBytes` (shared between threads).
 */
export async function scanClaimed(
  next: () => FileTask | undefined,
  settings: ScanSettings,
  addBytes: (n: number) => number,
  matcher: Matcher,
): Promise<PartialResult> {
  const partial = emptyPartial();
  const ctx: WalkContext = {
    analyze: { matcher, decodeDepth: settings.decodeDepth },
    limits: settings.limits,
    addBytes,
    report: collectInto(partial),
  };
  let turn = 0;
  for (let task = next(); task !== undefined; task = next()) {
    await scanFile(task, ctx);
    // Small files are scanned synchronously: give the event loop a turn every few megabytes (a
    // worker takes in the files listed meanwhile, the main thread hears of a failed worker).
    if (partial.bytes - turn >= YIELD_BYTES) {
      turn = partial.bytes;
      await new Promise((resolveTurn) => setImmediate(resolveTurn));
    }
  }
  return partial;
}
