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

/** GitHub rejects comments longer than 65,536 characters; stay below with room for the marker. */
export const COMMENT_LIMIT = 60_000;

function section(title: string, header: string[], all: string[][], limit: number): string[] {
  if (all.length === 0) return [];
  const rows = all.slice(0, limit);
  const body = table(header, rows);
  if (rows.length < all.length)
    body.push(
      "",
      `_… and ${all.length - rows.length} more, not shown here: see the job summary or \`tollgate review --format json\`._`,
    );
  if (all.length <= OPEN_ROWS) return ["", `#### ${title} (${all.length})`, "", ...body];
  return ["", `<details><summary><strong>${title} (${all.length})</strong></summary>`, "", ...body, "", "</details>"];
}

const pkg = (c: Component) => `\`${cell(c.name)}\` (${c.ecosystem})`;
const license = (c: Component) => cell(c.license ?? "—");

/** Options of `renderReviewMarkdown`. */
export interface ReviewMarkdownOptions {
  policyFile?: string;
  /** Longest text allowed (the PR comment: COMMENT_LIMIT); tables are cut, findings first kept, to fit. */
  maxLength?: number;
}

/**
 * Renders the review as the PR comment: marker, verdict line, findings, then added/changed/removed
 * tables. With `maxLength`, long tables are shortened (with a note) until the text fits.
 */
export function renderReviewMarkdown(result: ReviewResult, options: ReviewMarkdownOptions = {}): string {
  const max = options.maxLength ?? Number.POSITIVE_INFINITY;
  for (const limit of [Number.POSITIVE_INFINITY, 500, 200, 100, 50, 20, 10, 0]) {
    const text = render(result, options, limit);
    if (text.length <= max || limit === 0) return text;
  }
  return render(result, options, 0);
}

function render(result: ReviewResult, options: ReviewMarkdownOptions, limit: number): string {
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
  lines.push(
    ...section("Introduced findings", ["", "kind", "package", "rule", "message"], findings, Math.max(limit, 50)),
  );
  lines.push(
    ...section(
      "Added",
      ["package", "version", "license", "via", "advisories"],
      diff.added.map((c) => [pkg(c), cell(c.version), license(c), cell(result.via(c.id, "head")), advisoriesOf(c)]),
      limit,
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
      limit,
    ),
  );
  lines.push(
    ...section(
      "Removed",
      ["package", "version", "via"],
      diff.removed.map((c) => [pkg(c), cell(c.version), cell(result.via(c.id, "base"))]),
      limit,
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
