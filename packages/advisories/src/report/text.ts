import type { Finding } from "../audit/finding.js";
import type { AuditReport } from "../audit/run-audit.js";

const VERDICT_LABEL: Record<Finding["verdict"], string> = {
  fail: "FAIL",
  warn: "WARN",
  note: "note",
  ignored: "ignored",
};

function severityText(f: Finding): string {
  return f.score === null ? f.severity : `${f.severity} ${f.score.toFixed(1)}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** A readable report: a table of findings, each with its dependency paths, then problems and the verdict. */
export function renderText(report: AuditReport): string {
  const lines: string[] = [];
  lines.push(
    `tollgate audit (${report.mode} mode) — ${report.summary.audited} packages against ${report.source.advisories} advisories from ${report.source.kind === "offline" ? `the offline database ${report.source.location}` : `the OSV API ${report.source.location}`}`,
  );
  if (report.findings.length === 0) {
    lines.push("", "No known vulnerabilities found.");
  } else {
    const rows = [["VERDICT", "ID", "PACKAGE", "SEVERITY", "FIXED IN"]];
    for (const f of report.findings) {
      rows.push([
        VERDICT_LABEL[f.verdict],
        f.id,
        `${f.package}@${f.version}`,
        severityText(f),
        f.fixed.join(", ") || "no fix",
      ]);
    }
    lines.push("", table(rows), "");
    for (const f of report.findings) {
      lines.push(`${f.id}${f.aliases.length ? ` (${f.aliases.join(", ")})` : ""}: ${f.summary}`);
      lines.push(`  ${f.ecosystem} ${f.package}@${f.version} — ${severityText(f)}${f.vector ? ` ${f.vector}` : ""}`);
      for (const path of f.paths) lines.push(`  path: ${path}`);
      if (f.ignoreReason) lines.push(`  ignored: ${f.ignoreReason}`);
    }
  }
  if (report.problems.length > 0) {
    lines.push("");
    for (const p of report.problems) {
      const where = p.location ? `${p.location.file}${p.location.line ? `:${p.location.line}` : ""}: ` : "";
      lines.push(`${p.level}: ${where}${p.message} [${p.code}]`);
    }
  }
  const s = report.summary;
  lines.push(
    "",
    `${s.findings} finding(s): ${s.failing} failing, ${s.warnings} warning(s), ${s.ignored} ignored — ${report.passed ? "PASSED" : "FAILED"}`,
  );
  return `${lines.join("\n")}\n`;
}
