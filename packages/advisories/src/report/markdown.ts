import type { AuditReport } from "../audit/run-audit.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A Markdown job summary: verdict, mode, a table of findings with paths, then problems. */
export function renderMarkdown(report: AuditReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`## Advisory audit: ${report.passed ? "✅ passed" : "❌ failed"}`);
  out.push("");
  out.push(
    `Mode **${report.mode}**; ${s.audited} packages checked against ${report.source.advisories} advisories (${report.source.kind === "offline" ? "offline database" : "OSV API"}). ${s.findings} finding(s): ${s.failing} failing, ${s.warnings} warning(s), ${s.ignored} ignored.`,
  );
  if (report.findings.length > 0) {
    out.push(
      "",
      "| Verdict | Advisory | Package | Severity | Fixed in | Path |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const f of report.findings) {
      const severity = f.score === null ? f.severity : `${f.severity} (${f.score.toFixed(1)})`;
      out.push(
        `| ${f.verdict} | ${cell([f.id, ...f.aliases].join(", "))} | ${cell(`${f.ecosystem} ${f.package}@${f.version}`)} | ${severity} | ${cell(f.fixed.join(", ") || "no fix")} | ${cell(f.paths.join("<br>"))} |`,
      );
    }
  }
  if (report.problems.length > 0) {
    out.push("", "### Problems", "");
    for (const p of report.problems) out.push(`- **${p.level}** \`${p.code}\`: ${cell(p.message)}`);
  }
  return `${out.join("\n")}\n`;
}
