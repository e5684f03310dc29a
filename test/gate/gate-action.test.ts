import { describe, expect, it } from "vitest";
import { runBundledAction } from "../harness/bundled-action.js";
import { leakedGitHubToken, offlineDatabase, prepareSampleRelease } from "./sample-release.js";

/** Runs the bundled gate action with a fixed SOURCE_DATE_EPOCH. */
function runGateAction(dir: string, inputs: Record<string, string>) {
  return runBundledAction("gate", dir, inputs, { SOURCE_DATE_EPOCH: "1767225600" });
}

describe("actions/gate (bundled)", () => {
  it("passes a clean release: outputs, grouped logs and the job summary", async () => {
    const sample = await prepareSampleRelease();
    const run = await runGateAction(sample.dir, { artifacts: "dist/*", db: await offlineDatabase() });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({
      verdict: "pass",
      "record-file": "tollgate-evidence/tollgate-record.json",
      "cyclonedx-file": "tollgate-evidence/sbom.cdx.json",
      "spdx-file": "tollgate-evidence/sbom.spdx.json",
    });
    expect(run.outputs["record-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    expect(run.stdout).toContain("::group::Secrets in artifacts");
    expect(run.summary.split("\n")[0]).toBe("## ✅ Tollgate: release allowed");
  });

  it("fails on a leaked token, masks it, and never prints it", async () => {
    const token = leakedGitHubToken(5);
    const sample = await prepareSampleRelease({ leakedToken: token });
    const run = await runGateAction(sample.dir, { artifacts: "dist/*", db: await offlineDatabase() });
    expect(run.status).toBe(1);
    expect(run.outputs.verdict).toBe("fail");
    expect(run.stdout).toContain(`::add-mask::${token}`);
    expect(run.stdout.replace(`::add-mask::${token}`, "")).not.toContain(token);
    expect(run.stdout).toContain(
      "::error::Secrets in artifacts: sample-release-1.0.0.tgz!package/config.js:1:28 github-pat",
    );
    expect(run.summary).not.toContain(token);
  });

  it("fails with a clear message when a glob matches nothing", async () => {
    const sample = await prepareSampleRelease();
    const run = await runGateAction(sample.dir, { artifacts: "build/*.zip" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("artifacts: build/*.zip matched no file in");
  });
});
