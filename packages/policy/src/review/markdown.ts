import type { Component } from "@tollgate/inventory";
import { cell } from "../report/render.js";
import type { ReviewResult } from "./review.js";

/** The hidden marker that identifies Tollgate's review comment on a pull request. */
export const REVIEW_MARKER = "<!-- tollgate:dependency-review -->";

/** Tables longer than this are collapsed into a <details> block. */
const OPEN_ROWS = 10;

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

function section(title: string, header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return [];
  const body = table(header, rows);
  if (rows.length <= OPEN_ROWS) return ["", `#### ${title} (${rows.length})`, "", ...body];
  return ["", `<details><summary><strong>${title} (${rows.length})</strong></summary>`, "", ...body, "", "</details>"];
}

const pkg = (c: Component) => `\`${cell(c.name)}\` (${c.ecosystem})`;
const license = (c: Component) => cell(c.license ?? "—");

/** Renders the review as the PR comment: marker, verdict line, findings, then added/changed/removed tables. */
export function renderReviewMarkdown(result: ReviewResult, options: { policyFile?: string } = {}): string {
  const { diff } = result;
  const advisoriesOf = (c: Component) =>
    result.advisories
      .filter((a) => a.ecosystem === c.ecosystem && a.package === c.name && a.version === c.version)
      .map((a) => a.id)
      .join(", ") || "—";
  const denied =
    result.introduced.filter((f) => f.level === "deny").length +
    result.advisories.filter((a) => a.level === "deny").length;
  const verdict =
    result.verdict === "pass"
      ? "### ✅ Tollgate dependency review: no policy failures introduced"
      : `### ❌ Tollgate dependency review: this change introduces ${denied} policy failure${denied === 1 ? "" : "s"}`;
  const lines = [
    REVIEW_MARKER,
    verdict,
    "",
    `${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed` +
      ` · policy: ${options.policyFile ? `\`${options.policyFile}\`` : "defaults"}`,
  ];
  const findings = [
    ...result.advisories.map((a) => [
      a.level === "deny" ? "❌" : "⚠️",
      "advisory",
      `\`${cell(a.package)}@${cell(a.version)}\``,
      cell(a.id),
      cell(a.message),
    ]),
    ...result.introduced.map((f) => [
      f.level === "deny" ? "❌" : "⚠️",
      f.kind,
      `\`${cell(f.package)}@${cell(f.version)}\``,
      `\`${f.rule}\``,
      cell(f.message),
    ]),
  ];
  lines.push(...section("Introduced findings", ["", "kind", "package", "rule", "message"], findings));
  lines.push(
    ...section(
      "Added",
      ["package", "version", "license", "via", "advisories"],
      diff.added.map((c) => [pkg(c), cell(c.version), license(c), cell(result.via(c.id, "head")), advisoriesOf(c)]),
    ),
  );
  lines.push(
    ...section(
      "Changed",
      ["package", "from", "to", "license", "via", "advisories"],
      diff.changed.map(({ from, to }) => [
        pkg(to),
        cell(from.version),
        cell(to.version),
        license(to),
        cell(result.via(to.id, "head")),
        advisoriesOf(to),
      ]),
    ),
  );
  lines.push(
    ...section(
      "Removed",
      ["package", "version", "via"],
      diff.removed.map((c) => [pkg(c), cell(c.version), cell(result.via(c.id, "base"))]),
    ),
  );
  return `${lines.join("\n")}\n`;
}

/** The review as JSON: the diff (by name and versions), introduced findings and advisories. */
export function renderReviewJson(result: ReviewResult): string {
  const brief = (c: Component) => ({ ecosystem: c.ecosystem, package: c.name, version: c.version });
  const body = {
    tool: "tollgate-review",
    verdict: result.verdict,
    added: result.diff.added.map((c) => ({ ...brief(c), via: result.via(c.id, "head") })),
    changed: result.diff.changed.map(({ from, to }) => ({
      ...brief(to),
      from: from.version,
      via: result.via(to.id, "head"),
    })),
    removed: result.diff.removed.map((c) => ({ ...brief(c), via: result.via(c.id, "base") })),
    findings: result.introduced.map(({ kind, package: name, version, ecosystem, message, paths, rule }) => ({
      kind,
      package: name,
      version,
      ecosystem,
      message,
      paths,
      rule,
    })),
    advisories: result.advisories.map(({ level: _level, ...rest }) => rest),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
