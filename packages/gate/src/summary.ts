import type { GateResult, Verdict } from "./gate-result.js";
import { overallVerdict } from "./gate-result.js";

const ICON: Record<Verdict, string> = { pass: "✅", fail: "❌", warn: "⚠️", skipped: "⏭️", error: "❌" };
const MERMAID_CLASS: Record<Verdict, string> = {
  pass: "pass",
  fail: "fail",
  warn: "warn",
  skipped: "skip",
  error: "fail",
};
/** Findings shown inline per gate; the rest go in a collapsed details block. */
const INLINE_FINDINGS = 5;

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function countsText(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? "—" : entries.map(([k, v]) => `${v} ${k}`).join(", ");
}

/** A Mermaid flowchart of the pipeline, each stage coloured by its verdict (GitHub renders it in summaries). */
export function renderMermaid(results: readonly GateResult[]): string {
  const lines = ["```mermaid", "flowchart LR"];
  results.forEach((r, i) => {
    lines.push(`  g${i}["${ICON[r.verdict]} ${r.title.replace(/"/g, "'")}"]:::${MERMAID_CLASS[r.verdict]}`);
    if (i > 0) lines.push(`  g${i - 1} --> g${i}`);
  });
  lines.push(
    "  classDef pass fill:#dafbe1,stroke:#1a7f37",
    "  classDef fail fill:#ffebe9,stroke:#cf222e",
    "  classDef warn fill:#fff8c5,stroke:#9a6700",
    "  classDef skip fill:#f6f8fa,stroke:#8c959f",
    "```",
  );
  return lines.join("\n");
}

export interface SummaryOptions {
  mode: string;
  policyFile: string | null;
  recordSha256?: string;
}

/** The job summary: a verdict line, a table of gates, the pipeline diagram, then a section per gate. */
export function renderSummary(results: readonly GateResult[], options: SummaryOptions): string {
  const verdict = overallVerdict(results);
  const failed = results.filter((r) => r.verdict === "fail" || r.verdict === "error").map((r) => r.title);
  const out: string[] = [
    verdict === "pass" ? "## ✅ Tollgate: release allowed" : `## ❌ Tollgate: release blocked by ${failed.join(", ")}`,
    "",
    `Mode **${options.mode}**, policy ${options.policyFile ? `\`${options.policyFile}\`` : "defaults (no policy file)"}${options.recordSha256 ? `, record sha256 \`${options.recordSha256.slice(0, 16)}…\`` : ""}.`,
    "",
    "| Gate | Verdict | Counts |",
    "| --- | --- | --- |",
    ...results.map(
      (r) => `| ${escapeCell(r.title)} | ${ICON[r.verdict]} ${r.verdict} | ${escapeCell(countsText(r.counts))} |`,
    ),
    "",
    renderMermaid(results),
  ];
  for (const r of results) {
    out.push("", `### ${ICON[r.verdict]} ${r.title}`);
    if (r.note) out.push("", r.note);
    if (r.findings.length === 0) continue;
    out.push("", ...r.findings.slice(0, INLINE_FINDINGS).map((f) => `- ${f}`));
    const rest = r.findings.slice(INLINE_FINDINGS);
    if (rest.length > 0) {
      out.push(
        "",
        `<details><summary>${rest.length} more</summary>`,
        "",
        ...rest.map((f) => `- ${f}`),
        "",
        "</details>",
      );
    }
  }
  return `${out.join("\n")}\n`;
}
