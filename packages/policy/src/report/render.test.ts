import { GraphBuilder } from "@tollgate/inventory";
import { describe, expect, it } from "vitest";
import { evaluatePolicy } from "../evaluate.js";
import { parsePolicy } from "../file/load.js";
import { renderJson, renderMarkdown, renderText, sarifInputs } from "./render.js";

function report() {
  const b = new GraphBuilder();
  const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
  const lib = b.addComponent({
    ecosystem: "npm",
    name: "lib",
    version: "2.0.0",
    license: "MIT",
    location: { file: "package-lock.json", line: 12 },
  });
  const gpl = b.addComponent({
    ecosystem: "npm",
    name: "gpl|thing",
    version: "1.0.0",
    license: "GPL-3.0-only",
    location: { file: "package-lock.json", line: 20 },
  });
  b.addEdge(app, lib, "prod");
  b.addEdge(lib, gpl, "prod");
  const policy = parsePolicy("version: 1\nlicenses:\n  allow: [MIT]\n", "tollgate.yml");
  return evaluatePolicy(b.build({ id: "tollgate:root", name: "app" }), policy);
}

describe("policy reports", () => {
  it("as text: the finding, its path and line, then the verdict", () => {
    expect(renderText(report(), { file: "tollgate.yml" })).toBe(
      [
        "✖ license gpl|thing@1.0.0 (npm) [licenses.allow]",
        "    license GPL-3.0-only is not allowed (GPL-3.0-only not in licenses.allow)",
        "    via app@1.0.0 > lib@2.0.0 > gpl|thing@1.0.0",
        "    at package-lock.json:20",
        "FAIL: 2 dependencies checked against policy tollgate.yml; 1 failing, 0 warnings",
        "",
      ].join("\n"),
    );
  });

  it("as JSON: failing findings in the shared shape, the policy's digest", () => {
    const json = JSON.parse(renderJson(report(), { file: "tollgate.yml", sha256: "ab" }));
    expect(json).toEqual({
      tool: "tollgate-policy",
      verdict: "fail",
      policy: { file: "tollgate.yml", sha256: "ab" },
      checked: 2,
      findings: [
        {
          kind: "license",
          package: "gpl|thing",
          version: "1.0.0",
          ecosystem: "npm",
          message: "license GPL-3.0-only is not allowed (GPL-3.0-only not in licenses.allow)",
          paths: [["app@1.0.0", "lib@2.0.0", "gpl|thing@1.0.0"]],
          rule: "licenses.allow",
        },
      ],
      warnings: [],
    });
  });

  it("as Markdown: pipes in names are escaped so the table holds", () => {
    expect(renderMarkdown(report())).toContain("| ❌ | license | `gpl\\|thing@1.0.0` (npm) | `licenses.allow` |");
  });

  it("as SARIF inputs: one rule per policy key, results at the lockfile line under the prefix", () => {
    expect(sarifInputs(report(), "web/")).toEqual({
      rules: [{ id: "policy/licenses.allow", description: "Dependency policy rule licenses.allow", level: "error" }],
      results: [
        {
          ruleId: "policy/licenses.allow",
          level: "error",
          message: "gpl|thing@1.0.0: license GPL-3.0-only is not allowed (GPL-3.0-only not in licenses.allow)",
          file: "web/package-lock.json",
          line: 20,
          fingerprint: "licenses.allow:pkg:npm/gpl%7Cthing@1.0.0",
        },
      ],
    });
  });
});
