import { stat, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import * as core from "@actions/core";
import { buildSarif, getListInput, runAction } from "@tollgate/github";
import { checkGraph, loadPolicy, renderMarkdown, sarifInputs } from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";
import { parsePolicyInputs } from "./inputs.js";
import { version } from "./version.js";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

async function main(): Promise<boolean> {
  const inputs = parsePolicyInputs({
    path: core.getInput("path"),
    policy: core.getInput("policy"),
    offline: core.getInput("offline"),
    metadataUrls: getListInput("metadata-urls"),
    sarifFile: core.getInput("sarif-file"),
  });
  const loaded = await loadPolicy(inputs.policy, { cwd: workspace });
  for (const key of loaded.unmapped ?? [])
    core.warning(`${key} is not applied by Tollgate`, { file: loaded.file ?? "deny.toml" });
  const target = resolve(workspace, inputs.path);
  const graph = await loadGraph(target);
  const sbom = await isSbomFile(target);
  const dir = sbom ? undefined : (await stat(target)).isFile() ? dirname(target) : target;
  const report = await checkGraph(graph, loaded.policy, {
    ...(dir ? { dir } : {}),
    offline: inputs.offline,
    metadataUrls: inputs.metadataUrls,
  });
  const prefix = dir === undefined ? "" : relative(workspace, dir);
  for (const finding of report.findings) {
    const at = finding.locations[0];
    const props: core.AnnotationProperties = { title: `${finding.kind}: ${finding.package}@${finding.version}` };
    if (at) props.file = prefix === "" ? at.file : `${prefix}/${at.file}`;
    if (at?.line !== undefined) props.startLine = at.line;
    (finding.level === "deny" ? core.error : core.warning)(`${finding.message} [${finding.rule}]`, props);
  }
  let sarifPath = "";
  if (inputs.sarifFile) {
    sarifPath = resolve(workspace, inputs.sarifFile);
    const { rules, results } = sarifInputs(report, prefix === "" ? "" : `${prefix}/`);
    await writeFile(
      sarifPath,
      `${JSON.stringify(buildSarif({ toolName: "tollgate-policy", toolVersion: version, rules, results }), null, 2)}\n`,
    );
  }
  const failing = report.findings.filter((f) => f.level === "deny").length;
  core.setOutput("verdict", report.verdict);
  core.setOutput("failing", String(failing));
  core.setOutput("warnings", String(report.findings.length - failing));
  core.setOutput("sarif-file", sarifPath);
  core.setOutput("policy-sha256", loaded.sha256 ?? "");
  await core.summary.addRaw(renderMarkdown(report, loaded.file ? { file: loaded.file } : {})).write();
  return report.verdict === "pass";
}

await runAction(main, "the dependency policy failed");
