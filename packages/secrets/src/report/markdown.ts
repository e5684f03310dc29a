import type { ScanResult } from "./types.js";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A Markdown report for a job summary: counts, then findings, suppressed and unscanned tables (redacted). */
export function toMarkdown(result: ScanResult): string {
  const s = result.stats;
  const verdict = result.findings.length === 0 ? "no secrets found" : `${result.findings.length} secret(s) found`;
  const lines = [
    `## Tollgate secret scan: ${verdict}`,
    "",
    `${s.files} file(s) and ${s.archives} archive(s), ${s.bytes} bytes scanned in ${s.seconds.toFixed(2)} s; ` +
      `${result.suppressed.length} suppressed, ${result.unscanned.length} not scanned.`,
  ];
  if (result.findings.length > 0) {
    lines.push("", "| File | Line | Rule | Severity | Value |", "| --- | --- | --- | --- | --- |");
    for (const f of result.findings) {
      lines.push(
        `| \`${cell(f.file)}\` | ${f.line}:${f.column} | ${f.rule} | ${f.severity} | \`${cell(f.redacted)}\` |`,
      );
    }
  }
  if (result.suppressed.length > 0) {
    lines.push("", "### Suppressed", "", "| File | Line | Rule | By | Reason |", "| --- | --- | --- | --- | --- |");
    for (const f of result.suppressed) {
      lines.push(`| \`${cell(f.file)}\` | ${f.line} | ${f.rule} | ${f.suppressedBy} | ${cell(f.reason)} |`);
    }
  }
  if (result.unscanned.length > 0) {
    lines.push("", "### Not scanned", "", "| File | Reason | Detail |", "| --- | --- | --- |");
    for (const u of result.unscanned) lines.push(`| \`${cell(u.file)}\` | ${u.reason} | ${cell(u.detail)} |`);
  }
  return `${lines.join("\n")}\n`;
}
