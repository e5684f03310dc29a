import { relative, resolve } from "node:path";
import * as core from "@actions/core";
import { getListInput, runAction } from "@tollgate/github";
import { renderSbomSummary, writeSboms } from "@tollgate/sbom";
import { parseSbomInputs } from "./inputs.js";
import { version } from "./version.js";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

async function main(): Promise<boolean> {
  const inputs = parseSbomInputs({
    path: core.getInput("path"),
    formats: getListInput("formats"),
    outputDir: core.getInput("output-dir"),
    omit: getListInput("omit"),
    allowEmpty: core.getInput("allow-empty"),
  });
  const { graph, files } = await writeSboms(inputs.path, {
    formats: inputs.formats,
    outputDir: inputs.outputDir,
    omit: inputs.omit,
    ...(inputs.allowEmpty ? { allowEmpty: true } : {}),
    toolVersion: version,
    cwd: workspace,
  });
  for (const warning of graph.warnings) {
    const props: core.AnnotationProperties = {};
    if (warning.location) props.file = relative(workspace, resolve(workspace, warning.location.file));
    if (warning.location?.line !== undefined) props.startLine = warning.location.line;
    core.warning(`${warning.message} [${warning.code}]`, props);
  }
  core.setOutput("cyclonedx-file", files["cyclonedx-json"] ?? "");
  core.setOutput("spdx-file", files["spdx-json"] ?? "");
  core.setOutput("component-count", String(graph.components.filter((c) => c.role === "dependency").length));
  const shown = Object.fromEntries(Object.entries(files).map(([f, p]) => [f, relative(workspace, p)]));
  await core.summary.addRaw(renderSbomSummary(graph, shown)).write();
  return true;
}

await runAction(main);
