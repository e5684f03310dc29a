import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ScanJson } from "@tollgate/secrets";
import { describe, expect, it } from "vitest";
import { runBundledAction } from "../harness/bundled-action.js";
import { removeTree, TOKEN, tree } from "./helpers.js";

/** Runs the committed secrets action; Node reports each worker thread it starts on stderr. */
async function runAction(workspace: string, inputs: Record<string, string>) {
  const run = await runBundledAction("secrets", workspace, inputs, {
    INPUT_ANNOTATIONS: "false",
    "INPUT_SARIF-FILE": "",
    NODE_DEBUG: "worker",
  });
  return { ...run, workersStarted: run.stderr.match(/created Worker with ID \d+/g)?.length ?? 0 };
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
    expect(threads.status).toBe(1);
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
    const { status, stdout, outputs } = await runAction(dir, { paths: "dist", workers: "two" });
    await removeTree(dir);
    expect(status).toBe(1);
    expect(stdout).toContain("workers must be a whole number");
    expect(outputs).toEqual({});
  });
});
