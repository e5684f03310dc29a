import type { AuditReport } from "../audit/run-audit.js";

/** The JSON report: each finding as {id, aliases, ecosystem, package, version, severity, score, fixed, paths, ignored}. */
export function renderJson(report: AuditReport): string {
  const doc = {
    mode: report.mode,
    passed: report.passed,
    source: report.source,
    summary: report.summary,
    findings: report.findings.map((f) => ({
      id: f.id,
      aliases: f.aliases,
      ecosystem: f.ecosystem,
      package: f.package,
      version: f.version,
      severity: f.severity,
      score: f.score,
      fixed: f.fixed,
      paths: f.paths,
      ignored: f.ignored,
    })),
    ignores: { unused: report.unusedIgnores, expired: report.expiredIgnores },
    problems: report.problems,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
