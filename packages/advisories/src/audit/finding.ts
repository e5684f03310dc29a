import type { AdvisoryKind } from "../match/advisory.js";
import type { SeverityLevel } from "../osv/severity.js";

/** What the policy made of a finding. */
export type Verdict = "fail" | "warn" | "note" | "ignored";

/** One advisory (aliases merged) affecting one package version. */
export interface Finding {
  id: string;
  aliases: string[];
  ecosystem: string;
  package: string;
  version: string;
  severity: SeverityLevel | "unknown";
  score: number | null;
  vector: string | null;
  fixed: string[];
  paths: string[];
  ignored: boolean;
  kind: AdvisoryKind;
  summary: string;
  verdict: Verdict;
  /** The ignore entry that accepted it. */
  ignoreReason?: string;
  /** The lockfile line of the package entry, when known. */
  location?: { file: string; line?: number };
  purl: string;
  scope: string;
}

/** Something the audit must tell besides findings; `error` fails the gate in every mode. */
export interface AuditProblem {
  level: "error" | "warning";
  code: string;
  message: string;
  location?: { file: string; line?: number };
}
