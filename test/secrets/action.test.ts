import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ScanJson } from "@tollgate/secrets";
import { describe, expect, it } from "vitest";
import { removeTree, TOKEN, tree } from "./helpers.js";

const ACTION = new URL("../../actions/secrets/dist/index.js", import.meta.url).pathname;

/** Runs the committed bundle of actions/secrets the way the runner does: inputs as INPUT_* variables. */
async function runAction(workspace: string, inputs: Record<string, string>) {
  const outputFile = join(workspace, "github-output.txt");
  const summaryFile = join(workspace, "summary.md");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    INPUT_ANNOTATIONS: "false",
    "INPUT_SARIF-FILE": "",
    // Node reports each worker thread it starts on stderr.
    NODE_DEBUG: "worker",
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const result = await promisify(execFile)(process.execPath, [ACTION], { env }).then(
    (r) => ({ ...r, code: 0 }),
    (e: unknown) => e as { stdout: string; stderr: string; code: number },
  );
  const outputs: Record<string, string> = {};
  for (const m of (await readFile(outputFile, "utf8")).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[m[1] as string] = m[3] as string;
  }
  const workersStarted = result.stderr.match(/created Worker with ID \d+/g)?.length ?? 0;
  return { result, outputs, workersStarted };
}

/** A release directory: many small files (so that every thread gets some) and two leaked tokens. */
async function releaseTree(): Promise<string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`dist/pkg${i}/index.js`] = `export const value${i} = ${i};\n`;
  files["dist/pkg17/.env"] = `GITHUB_TOKEN=${TOKEN}\n`;
  files["dist/pkg230/config.js"] = `export const token = "${TOKEN}";\n`;
  return tree(files);
}

describe("actions/secrets (the committed bundle)", () => {
  it("scans with worker threads and reports exactly what a scan in its own thread reports", async () => {
    const dir = await releaseTree();
    const single = await runAction(dir, { paths: "dist", workers: "1", "json-file": "one.json" });
    const threads = await runAction(dir, { paths: "dist", workers: "3", "json-file": "three.json" });
    const report = async (name: string) => {
      const json = JSON.parse(await readFile(join(dir, name), "utf8")) as ScanJson;
      return { ...json, stats: { ...json.stats, seconds: 0 } };
    };
    const [one, three] = [await report("one.json"), await report("three.json")];
    await removeTree(dir);
    expect([single.workersStarted, threads.workersStarted]).toEqual([0, 2]);
    expect(threads.result.code).toBe(1);
    expect(threads.outputs).toEqual({
      "findings-count": "2",
      "suppressed-count": "0",
      "unscanned-count": "0",
      passed: "false",
      "json-file": join(dir, "three.json"),
    });
    expect(single.outputs).toEqual({ ...threads.outputs, "json-file": join(dir, "one.json") });
    expect(three).toEqual(one);
    expect(three.findings.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      "pkg17/.env:1 github-pat",
      "pkg230/config.js:1 github-pat",
    ]);
  });

  it("fails the step with the rule broken when workers is not a whole number", async () => {
    const dir = await releaseTree();
    const { result, outputs } = await runAction(dir, { paths: "dist", workers: "two" });
    await removeTree(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("workers must be a whole number");
    expect(outputs).toEqual({});
  });
});
