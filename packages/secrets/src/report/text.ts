import type { ScanResult } from "./types.js";

/** The report for people: `file:line:column  rule  redacted`, then suppressed and unscanned, then a summary. */
export function toText(result: ScanResult): string {
  const lines: string[] = [];
  for (const f of result.findings) {
    const via = f.via.length > 0 ? ` (via ${f.via.join(", ")})` : "";
    lines.push(`${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.rule}  ${f.redacted}${via}`);
  }
  if (result.suppressed.length > 0) {
    lines.push("", "suppressed:");
    for (const f of result.suppressed) {
      lines.push(`  ${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.redacted}  [${f.suppressedBy}: ${f.reason}]`);
    }
  }
  if (result.unscanned.length > 0) {
    lines.push("", "not scanned:");
    for (const u of result.unscanned) lines.push(`  ${u.file}  ${u.reason}: ${u.detail}`);
  }
  const s = result.stats;
  if (lines.length > 0) lines.push("");
  lines.push(
    `${result.findings.length} secret(s), ${result.suppressed.length} suppressed, ${result.unscanned.length} not scanned; ` +
      `${s.files} file(s), ${s.archives} archive(s), ${s.bytes} bytes in ${s.seconds.toFixed(2)}s`,
  );
  return `${lines.join("\n")}\n`;
}
