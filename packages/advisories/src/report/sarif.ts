import type { AuditReport } from "../audit/run-audit.js";

/** The rule and result inputs of a SARIF log (the shape @tollgate/github's buildSarif takes). */
export interface AuditSarifInput {
  rules: Array<{
    id: string;
    description: string;
    helpUri?: string;
    level: "error" | "warning" | "note";
    securitySeverity?: string;
    tags?: string[];
  }>;
  results: Array<{
    ruleId: string;
    level?: "error" | "warning" | "note";
    message: string;
    file: string;
    line?: number;
    fingerprint?: string;
  }>;
}

const LEVEL = { fail: "error", warn: "warning", note: "note" } as const;
const NOMINAL_SCORE = { low: "3.0", moderate: "5.5", high: "8.0", critical: "9.5", unknown: "9.5" } as const;

/**
 * SARIF rules (one per advisory) and results located at the lockfile line of each affected
 * package; ignored findings are left out. `prefix` turns scan-relative paths into repository-relative ones.
 */
export function sarifInput(report: AuditReport, prefix = ""): AuditSarifInput {
  const shown = report.findings.filter((f) => f.verdict !== "ignored" && f.location);
  return {
    rules: shown.map((f) => ({
      id: f.id,
      description: f.summary || f.id,
      helpUri: `https://osv.dev/vulnerability/${encodeURIComponent(f.id)}`,
      level: LEVEL[f.verdict as keyof typeof LEVEL],
      securitySeverity: f.score === null ? NOMINAL_SCORE[f.severity] : f.score.toFixed(1),
      tags: ["security", f.kind, f.ecosystem],
    })),
    results: shown.map((f) => ({
      ruleId: f.id,
      level: LEVEL[f.verdict as keyof typeof LEVEL],
      message: `${f.package}@${f.version} is affected by ${f.id}${f.aliases.length ? ` (${f.aliases.join(", ")})` : ""}: ${f.summary}. ${f.fixed.length ? `Fixed in ${f.fixed.join(", ")}.` : "No fixed version."} Path: ${f.paths[0] ?? f.package}`,
      file: `${prefix}${f.location?.file as string}`,
      ...(f.location?.line !== undefined ? { line: f.location.line } : {}),
      fingerprint: `${f.id}:${f.purl}`,
    })),
  };
}
