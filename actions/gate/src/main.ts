import { join, relative } from "node:path";
import * as core from "@actions/core";
import { type GateResult, runReleaseGate } from "@tollgate/gate";
import { getListInput, runAction } from "@tollgate/github";
import { glob } from "tinyglobby";
import { version } from "./version.js";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
/** How often a long stage says it is still running, so a log never looks stuck. */
const HEARTBEAT_MS = 15_000;

async function artifactsFrom(patterns: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const matched = await glob(pattern, { cwd: workspace, onlyFiles: true, dot: true, expandDirectories: false });
    if (matched.length === 0) throw new Error(`artifacts: ${pattern} matched no file in ${workspace}`);
    for (const m of matched) out.add(m);
  }
  return [...out].sort();
}

function logStages() {
  let heartbeat: NodeJS.Timeout | undefined;
  let started = 0;
  return (event: { stage: { title: string }; phase: "start" | "end"; result?: GateResult }) => {
    if (event.phase === "start") {
      core.startGroup(event.stage.title);
      started = Date.now();
      heartbeat = setInterval(
        () => core.info(`… ${event.stage.title} still running (${Math.round((Date.now() - started) / 1000)} s)`),
        HEARTBEAT_MS,
      );
      return;
    }
    clearInterval(heartbeat);
    const result = event.result;
    if (result) {
      core.info(
        `${result.verdict}: ${Object.entries(result.counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(", ")}`,
      );
      for (const line of result.findings.slice(0, 50)) core.info(line);
      if (result.note) core.info(result.note);
    }
    core.endGroup();
    if (result && (result.verdict === "fail" || result.verdict === "error")) {
      for (const line of result.findings.slice(0, 10)) core.error(`${result.title}: ${line}`);
      if (result.verdict === "error" && result.note) core.error(`${result.title}: ${result.note}`);
    }
  };
}

await runAction(async () => {
  const outputDir = core.getInput("output-dir") || "tollgate-evidence";
  const outcome = await runReleaseGate({
    path: core.getInput("path") || ".",
    artifacts: await artifactsFrom(getListInput("artifacts")),
    cwd: workspace,
    outputDir,
    ...(core.getInput("policy") ? { policyFile: core.getInput("policy") } : {}),
    ...(core.getInput("db") ? { db: core.getInput("db") } : {}),
    ...(core.getInput("osv-url") ? { osvUrl: core.getInput("osv-url") } : {}),
    toolVersion: version,
    onStage: logStages(),
    onSecret: (secret) => core.setSecret(secret),
  });
  const rel = (file: string) => relative(workspace, file);
  core.setOutput("verdict", outcome.verdict);
  core.setOutput("record-file", rel(outcome.recordFile));
  core.setOutput("record-sha256", outcome.record.sha256);
  core.setOutput("cyclonedx-file", rel(join(workspace, outputDir, "sbom.cdx.json")));
  core.setOutput("spdx-file", rel(join(workspace, outputDir, "sbom.spdx.json")));
  core.setOutput("summary-file", rel(join(workspace, outputDir, "tollgate-summary.md")));
  await core.summary.addRaw(outcome.summary).write();
  return outcome.verdict === "pass";
}, "the release gate failed: see the job summary for each gate's findings");
