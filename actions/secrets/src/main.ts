import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import * as core from "@actions/core";
import { buildSarif, getListInput, runAction } from "@tollgate/github";
import {
  defaultWorkerCount,
  loadSecretsConfig,
  readBaseline,
  type ScanResult,
  sarifInputs,
  scanPaths,
  toJson,
  toMarkdown,
} from "@tollgate/secrets";
import { parseSecretsInputs } from "./inputs.js";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

async function write(path: string, text: string): Promise<string> {
  const full = resolve(workspace, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, text);
  return full;
}

/** Prefix that makes report paths relative to the workspace, when one path was scanned. */
async function prefixFor(paths: string[]): Promise<string> {
  if (paths.length !== 1) return "";
  const abs = resolve(workspace, paths[0] as string);
  const base = (await stat(abs)).isDirectory() ? abs : dirname(abs);
  const rel = relative(workspace, base).split("\\").join("/");
  return rel === "" ? "" : `${rel}/`;
}

function annotate(result: ScanResult, prefix: string): void {
  for (const f of result.findings) {
    const [outer] = f.file.split("!");
    const props: core.AnnotationProperties = { title: `${f.rule} (${f.severity})`, file: `${prefix}${outer}` };
    if (!f.file.includes("!")) {
      props.startLine = f.line;
      props.startColumn = f.column;
    }
    core.error(`${f.description}: ${f.redacted} in ${f.file}:${f.line}`, props);
  }
  for (const u of result.unscanned) {
    core.warning(`${u.file} not scanned (${u.reason}): ${u.detail}`, { file: `${prefix}${u.file.split("!")[0]}` });
  }
}

async function main(): Promise<boolean> {
  const inputs = parseSecretsInputs(
    {
      paths: getListInput("paths"),
      policy: core.getInput("policy"),
      baseline: core.getInput("baseline"),
      sarifFile: core.getInput("sarif-file"),
      jsonFile: core.getInput("json-file"),
      annotations: core.getBooleanInput("annotations"),
      workers: core.getInput("workers"),
    },
    defaultWorkerCount(),
  );
  const config = inputs.policy ? await loadSecretsConfig(resolve(workspace, inputs.policy)) : undefined;
  const baseline = inputs.baseline ? await readBaseline(resolve(workspace, inputs.baseline)) : undefined;
  const result = await scanPaths({
    paths: inputs.paths,
    cwd: workspace,
    workers: inputs.workers,
    ...(config ? { config } : {}),
    ...(baseline ? { baseline } : {}),
  });
  // Mask every found value, and each line of a multi-line one (PEM keys), before anything is logged.
  for (const f of [...result.findings, ...result.suppressed]) {
    core.setSecret(f.secret);
    for (const line of f.secret.split(/\r?\n|\\n/)) if (line.trim().length >= 8) core.setSecret(line.trim());
  }
  const prefix = await prefixFor(inputs.paths);
  if (inputs.annotations) annotate(result, prefix);
  await core.summary.addRaw(toMarkdown(result)).write();
  if (inputs.sarifFile) {
    const { rules, results } = sarifInputs(result);
    const sarif = buildSarif({
      toolName: "tollgate-secrets",
      toolVersion: "0.1.0",
      rules,
      results: results.map((r) => ({ ...r, file: prefix + r.file })),
    });
    core.setOutput("sarif-file", await write(inputs.sarifFile, `${JSON.stringify(sarif, null, 2)}\n`));
  }
  if (inputs.jsonFile)
    core.setOutput("json-file", await write(inputs.jsonFile, `${JSON.stringify(toJson(result), null, 2)}\n`));
  const passed = result.findings.length === 0 && (result.unscanned.length === 0 || config?.unscanned === "allow");
  core.setOutput("findings-count", String(result.findings.length));
  core.setOutput("suppressed-count", String(result.suppressed.length));
  core.setOutput("unscanned-count", String(result.unscanned.length));
  core.setOutput("passed", String(passed));
  return passed;
}

void runAction(main, "the secret scan failed: see the annotations and the job summary (values are redacted)");
