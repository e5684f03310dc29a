import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** What one run of an action's bundle did. */
export interface BundledActionRun {
  /** The exit code (null when a signal ended it). */
  status: number | null;
  stdout: string;
  stderr: string;
  /** The outputs the action set, by name. */
  outputs: Record<string, string>;
  /** The job summary it wrote. */
  summary: string;
}

/**
 * Runs the committed bundle of `actions/<name>` as the runner does: with `workspace` as the
 * working directory and GITHUB_WORKSPACE, inputs as INPUT_* variables, outputs and the job
 * summary in files; `env` adds variables (or overrides these). Asynchronous, so that loopback
 * servers of the calling test keep answering while the action runs.
 */
export async function runBundledAction(
  name: string,
  workspace: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<BundledActionRun> {
  const action = new URL(`../../actions/${name}/dist/index.js`, import.meta.url).pathname;
  const outputFile = join(workspace, "github-output.txt");
  const summaryFile = join(workspace, "github-step-summary.md");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const variables: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...env,
  };
  for (const [input, value] of Object.entries(inputs)) variables[`INPUT_${input.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [action], { cwd: workspace, env: variables });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const outputs: Record<string, string> = {};
  for (const m of (await readFile(outputFile, "utf8")).matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) {
    outputs[m[1] as string] = m[3] as string;
  }
  return { status, stdout, stderr, outputs, summary: await readFile(summaryFile, "utf8") };
}
