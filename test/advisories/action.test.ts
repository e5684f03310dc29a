import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADVISORIES, FIXTURES } from "./graphs.js";

const DIST = join(import.meta.dirname, "../../actions/audit/dist/index.js");

/** Runs the bundled action as the runner does: inputs as INPUT_* variables, outputs and summary in files. */
function runAction(policy: string, inputs: Record<string, string>) {
  const workspace = mkdtempSync(join(tmpdir(), "tollgate-action-audit-"));
  const lockfiles = join(FIXTURES, "lockfiles/npm");
  copyFileSync(
    join(lockfiles, "BookStackApp__BookStack@c42b6aece9__package-lock.json"),
    join(workspace, "package-lock.json"),
  );
  copyFileSync(join(lockfiles, "BookStackApp__BookStack@c42b6aece9__package.json"), join(workspace, "package.json"));
  writeFileSync(join(workspace, "tollgate.yml"), policy);
  for (const file of ["summary.md", "output.txt"]) writeFileSync(join(workspace, file), "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: join(workspace, "summary.md"),
    GITHUB_OUTPUT: join(workspace, "output.txt"),
    RUNNER_TEMP: workspace,
    INPUT_ANNOTATIONS: "true",
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = spawnSync(process.execPath, [DIST], { cwd: workspace, env, encoding: "utf8" });
  const outputs: Record<string, string> = {};
  const lines = readFileSync(join(workspace, "output.txt"), "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i] as string);
    if (m) outputs[m[1] as string] = lines[i + 1] as string;
  }
  return {
    status: result.status,
    stdout: result.stdout,
    outputs,
    summary: readFileSync(join(workspace, "summary.md"), "utf8"),
    workspace,
  };
}

const AGE = "version: 1\nadvisories:\n  max-database-age: 36500d\n";

describe("actions/audit (the bundled dist)", () => {
  it("fails the step, annotates lockfile lines, writes the summary, SARIF and outputs", () => {
    const run = runAction(AGE, {
      path: ".",
      db: ADVISORIES,
      "sarif-file": "out/audit.sarif",
      "json-file": "out/audit.json",
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error title=GHSA-grv7-fg5c-xmjg in braces,file=package-lock.json,line=91::");
    expect(run.outputs).toMatchObject({
      passed: "false",
      mode: "high-assurance",
      findings: "9",
      failing: "9",
      warnings: "0",
      ignored: "0",
    });
    expect(run.summary.split("\n")[0]).toBe("## Advisory audit: ❌ failed");
    const sarif = JSON.parse(readFileSync(join(run.workspace, "out/audit.sarif"), "utf8"));
    expect(sarif.runs[0].results).toHaveLength(9);
    expect(JSON.parse(readFileSync(join(run.workspace, "out/audit.json"), "utf8")).findings).toHaveLength(9);
  });

  it("passes in developer mode with warnings instead of errors", () => {
    const run = runAction(`${AGE}mode: developer\n`, { path: ".", db: ADVISORIES, "sarif-file": "" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("::warning title=GHSA-grv7-fg5c-xmjg in braces,file=package-lock.json,line=91::");
    expect(run.outputs).toMatchObject({ passed: "true", mode: "developer", warnings: "9" });
  });
});
