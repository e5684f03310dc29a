import type { Severity } from "../rules/schema.js";
import type { Unscanned } from "../walk/limits.js";

/** A secret found in a file. `secret` stays in memory: no output ever serialises it. */
export interface Finding {
  rule: string;
  description: string;
  severity: Severity;
  /** Relative to the path given on the command line; archive levels joined with `!`. */
  file: string;
  line: number;
  column: number;
  redacted: string;
  fingerprint: string;
  /** How the secret was reached: `base64`, `hex`, `percent`, `concat`; empty when found as is. */
  via: string[];
  secret: string;
}

/** Where a suppression came from. */
export type SuppressionSource = "inline" | "config" | "baseline";

/** A finding that is reported but does not fail the scan, with the reason it was accepted. */
export interface SuppressedFinding extends Finding {
  suppressedBy: SuppressionSource;
  reason: string;
}

/** Counts of what one scan looked at. */
export interface ScanStats {
  files: number;
  bytes: number;
  archives: number;
  seconds: number;
}

/** The outcome of a scan. Every list is sorted by file, line, column, rule. */
export interface ScanResult {
  findings: Finding[];
  suppressed: SuppressedFinding[];
  unscanned: Unscanned[];
  stats: ScanStats;
}

/** Orders findings by file, line, column, rule (byte-wise, so output is the same everywhere). */
export function compareFindings(a: Finding, b: Finding): number {
  const s = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return (
    s(a.file, b.file) || a.line - b.line || a.column - b.column || s(a.rule, b.rule) || s(a.fingerprint, b.fingerprint)
  );
}
