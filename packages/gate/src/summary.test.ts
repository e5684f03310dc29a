import { describe, expect, it } from "vitest";
import type { GateResult } from "./gate-result.js";
import { renderSummary } from "./summary.js";

const pass: GateResult = { name: "sbom", title: "SBOM", verdict: "pass", counts: { components: 3 }, findings: [] };
const fail: GateResult = {
  name: "secrets",
  title: "Secrets",
  verdict: "fail",
  counts: { findings: 7 },
  findings: ["f1", "f2", "f3", "f4", "f5", "f6", "f7"],
};

describe("job summary", () => {
  it("opens with the verdict naming the gates that blocked the release", () => {
    expect(renderSummary([pass, fail], { mode: "high-assurance", policyFile: null }).split("\n")[0]).toBe(
      "## ❌ Tollgate: release blocked by Secrets",
    );
  });

  it("has one table row per gate with its verdict and counts", () => {
    const text = renderSummary([pass, fail], { mode: "developer", policyFile: "tollgate.yml" });
    expect(text).toContain("| SBOM | ✅ pass | 3 components |\n| Secrets | ❌ fail | 7 findings |");
  });

  it("draws the pipeline as a Mermaid flowchart with each stage's verdict", () => {
    const text = renderSummary([pass, fail], { mode: "developer", policyFile: null });
    expect(text).toContain('g0["✅ SBOM"]:::pass\n  g1["❌ Secrets"]:::fail\n  g0 --> g1');
  });

  it("shows five findings inline and collapses the rest", () => {
    const text = renderSummary([fail], { mode: "developer", policyFile: null });
    expect(text).toContain("- f5\n\n<details><summary>2 more</summary>\n\n- f6\n- f7\n\n</details>");
  });
});
