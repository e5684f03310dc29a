import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { leakedGitHubToken, offlineDatabase, prepareSampleRelease } from "./sample-release.js";

const action = new URL("../../actions/gate/dist/index.js", import.meta.url).pathname;

/** Runs the bundled action as the runner does: inputs in INPUT_*, outputs and summary in files. */
async function runGateAction(dir: string, inputs: Record<string, string>) {
  const output = join(dir, "github-output.txt");
  const summary = join(dir, "step-summary.md");
  await writeFile(output, "");
  await writeFile(summary, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    SOURCE_DATE_EPOCH: "1767225600",
  };
  for (const [key, value] of Object.entries(inputs)) env[`INPUT_${key.toUpperCase()}`] = value;
  const child = spawnSync(process.execPath, [action], { cwd: dir, env, encoding: "utf8" });
  const outputs: Record<string, string> = {};
  for (const m of (await readFile(output, "utf8")).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[m[1] as string] = m[3] as string;
  }
  return { status: child.status, stdout: child.stdout, outputs, summary: await readFile(summary, "utf8") };
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
