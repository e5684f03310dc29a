import type { Finding, ScanResult, SuppressedFinding } from "./types.js";

/** One finding as JSON: never the secret, only its redaction and fingerprint. */
export interface FindingJson {
  rule: string;
  file: string;
  line: number;
  column: number;
  redacted: string;
  fingerprint: string;
  severity: string;
}

/** A suppressed finding as JSON, with who accepted it and why. */
export interface SuppressedJson extends FindingJson {
  suppressedBy: string;
  reason: string;
}

/** The JSON report: `{findings, suppressed, unscanned, stats}`. */
export interface ScanJson {
  findings: FindingJson[];
  suppressed: SuppressedJson[];
  unscanned: Array<{ file: string; reason: string; detail: string }>;
  stats: { files: number; bytes: number; archives: number; seconds: number };
}

function findingJson(f: Finding): FindingJson {
  return {
    rule: f.rule,
    file: f.file,
    line: f.line,
    column: f.column,
    redacted: f.redacted,
    fingerprint: f.fingerprint,
    severity: f.severity,
  };
}

function suppressedJson(f: SuppressedFinding): SuppressedJson {
  return { ...findingJson(f), suppressedBy: f.suppressedBy, reason: f.reason };
}

/** The JSON report of a scan; fields are picked one by one so a secret can never slip in. */
export function toJson(result: ScanResult): ScanJson {
  return {
    findings: result.findings.map(findingJson),
    suppressed: result.suppressed.map(suppressedJson),
    unscanned: result.unscanned.map((u) => ({ file: u.file, reason: u.reason, detail: u.detail })),
    stats: { ...result.stats },
  };
}
