import type { PolicyReport } from "../evaluate.js";
import { findingJson, type PolicyFinding } from "../findings.js";

/** Where the policy came from, for reports and the gate record. */
export interface PolicySourceInfo {
  file?: string;
  sha256?: string;
}

function where(finding: PolicyFinding): string {
  const first = finding.locations[0];
  if (first === undefined) return "";
  return first.line === undefined ? first.file : `${first.file}:${first.line}`;
}

/** The report as text for a terminal: one block per finding, then a summary line. */
export function renderText(report: PolicyReport, source: PolicySourceInfo = {}): string {
  const lines: string[] = [];
  for (const finding of report.findings) {
    const mark = finding.level === "deny" ? "✖" : "⚠";
    lines.push(
      `${mark} ${finding.kind} ${finding.package}@${finding.version} (${finding.ecosystem}) [${finding.rule}]`,
    );
    lines.push(`    ${finding.message}`);
    const path = finding.paths[0];
    if (path && path.length > 1)
      lines.push(
        `    via ${path.join(" > ")}${finding.paths.length > 1 ? ` (+${finding.paths.length - 1} more)` : ""}`,
      );
    const at = where(finding);
    if (at) lines.push(`    at ${at}`);
  }
  const denied = report.findings.filter((f) => f.level === "deny").length;
  const warned = report.findings.length - denied;
  const policy = source.file ? `policy ${source.file}` : "default policy";
  lines.push(
    `${report.verdict === "pass" ? "PASS" : "FAIL"}: ${report.checked} dependencies checked against ${policy}; ${denied} failing, ${warned} warning${warned === 1 ? "" : "s"}`,
  );
  return `${lines.join("\n")}\n`;
}

/** The report as JSON: failing findings and warnings in the shared finding shape. */
export function renderJson(report: PolicyReport, source: PolicySourceInfo = {}): string {
  const body = {
    tool: "tollgate-policy",
    verdict: report.verdict,
    policy: { file: source.file ?? null, sha256: source.sha256 ?? null },
    checked: report.checked,
    findings: report.findings.filter((f) => f.level === "deny").map(findingJson),
    warnings: report.findings.filter((f) => f.level === "warn").map(findingJson),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}

/** The report as Markdown: verdict line and one table row per finding. */
export function renderMarkdown(report: PolicyReport, source: PolicySourceInfo = {}): string {
  const denied = report.findings.filter((f) => f.level === "deny").length;
  const lines = [
    `### ${report.verdict === "pass" ? "✅ Dependency policy passed" : "❌ Dependency policy failed"}`,
    "",
    `${report.checked} dependencies checked against ${source.file ? `\`${source.file}\`` : "the default policy"}: ${denied} failing, ${report.findings.length - denied} warnings.`,
  ];
  if (report.findings.length > 0) {
    lines.push("", "| | kind | package | rule | message | path |", "| --- | --- | --- | --- | --- | --- |");
    for (const f of report.findings) {
      const path = f.paths[0]?.join(" › ") ?? "";
      lines.push(
        `| ${f.level === "deny" ? "❌" : "⚠️"} | ${f.kind} | \`${cell(f.package)}@${cell(f.version)}\` (${f.ecosystem}) | \`${f.rule}\` | ${cell(f.message)} | ${cell(path)} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** SARIF rule and result inputs (the shape @tollgate/github's buildSarif takes); `prefix` is prepended to lockfile paths. */
export function sarifInputs(report: PolicyReport, prefix = "") {
  const rules = [...new Set(report.findings.map((f) => f.rule))].sort().map((rule) => ({
    id: `policy/${rule}`,
    description: `Dependency policy rule ${rule}`,
    level: "error" as const,
  }));
  const results = report.findings.map((f) => {
    const at = f.locations[0];
    return {
      ruleId: `policy/${f.rule}`,
      level: f.level === "deny" ? ("error" as const) : ("warning" as const),
      message: `${f.package}@${f.version}: ${f.message}`,
      file: `${prefix}${at?.file ?? "."}`,
      ...(at?.line === undefined ? {} : { line: at.line }),
      fingerprint: `${f.rule}:${f.componentId}`,
    };
  });
  return { rules, results };
}
