import type { LocatedFinding } from "../content/stream-scanner.js";
import type { AnalyzeOptions } from "../detect/analyze.js";
import type { ScanLimits, Unscanned } from "./limits.js";

/** Where the walkers send what they find. */
export interface WalkReport {
  finding(file: string, finding: LocatedFinding): void;
  unscanned(record: Unscanned): void;
  /** One file or member scanned, with its uncompressed size. */
  scanned(bytes: number): void;
  /** One archive opened. */
  archive(): void;
}

/** Everything a walker needs: how to analyse text, the limits, the shared byte budget, the report. */
export interface WalkContext {
  analyze: AnalyzeOptions;
  limits: ScanLimits;
  /** Adds bytes to the scan-wide total and returns the new total (shared between workers). */
  addBytes(n: number): number;
  report: WalkReport;
}

/** Member names that would escape an extraction directory: `..` segments or absolute paths. */
export function isUnsafeMemberName(name: string): boolean {
  return /^(?:[/\\]|[A-Za-z]:)/.test(name) || name.split(/[/\\]/).includes("..");
}
