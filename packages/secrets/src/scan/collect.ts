import type { LocatedFinding } from "../content/stream-scanner.js";
import { fingerprint } from "../report/fingerprint.js";
import { redact } from "../report/redact.js";
import type { CandidateFinding } from "../suppress/suppress.js";
import type { WalkReport } from "../walk/context.js";
import type { Unscanned } from "../walk/limits.js";

/** What scanning some files produced, before suppression. Plain data: it crosses worker boundaries. */
export interface PartialResult {
  candidates: CandidateFinding[];
  unscanned: Unscanned[];
  files: number;
  bytes: number;
  archives: number;
}

/** An empty partial result. */
export function emptyPartial(): PartialResult {
  return { candidates: [], unscanned: [], files: 0, bytes: 0, archives: 0 };
}

/** A WalkReport that fills `into`, turning located findings into candidate findings. */
export function collectInto(into: PartialResult): WalkReport {
  return {
    finding(file: string, f: LocatedFinding) {
      into.candidates.push({
        rule: f.ruleId,
        description: f.description,
        severity: f.severity,
        file,
        line: f.line,
        column: f.column,
        redacted: redact(f.secret),
        fingerprint: fingerprint(f.ruleId, f.secret, file, f.line),
        via: f.via,
        secret: f.secret,
        allowedBy: f.allowedBy,
      });
    },
    unscanned(record) {
      into.unscanned.push(record);
    },
    scanned(bytes) {
      into.files++;
      into.bytes += bytes;
    },
    archive() {
      into.archives++;
    },
  };
}

/** Adds `part` into `total`. */
export function mergePartial(total: PartialResult, part: PartialResult): void {
  total.candidates.push(...part.candidates);
  total.unscanned.push(...part.unscanned);
  total.files += part.files;
  total.bytes += part.bytes;
  total.archives += part.archives;
}
