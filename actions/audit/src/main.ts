import "./esm-dirname.js";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import * as core from "@actions/core";
import {
  type AuditReport,
  auditPolicyFromConfig,
  renderJson,
  renderMarkdown,
  runAudit,
  sarifInput,
} from "@tollgate/advisories";
import { buildSarif, runAction } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";
import { loadPolicy } from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

async function write(path: string, text: string): Promise<string> {
  const full = resolve(workspace, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, text);
  return full;
}

function annotate(report: AuditReport, prefix: string): void {
  for (const f of report.findings) {
    if (f.verdict !== "fail" && f.verdict !== "warn") continue;
    const message = `${f.package}@${f.version}: ${f.id} (${f.severity}${f.score === null ? "" : ` ${f.score}`}) ${f.summary} — fixed in ${f.fixed.join(", ") || "no release yet"}; path: ${f.paths[0] ?? f.package}`;
    const props: core.AnnotationProperties = { title: `${f.id} in ${f.package}` };
    if (f.location) props.file = `${prefix}${f.location.file}`;
    if (f.location?.line !== undefined) props.startLine = f.location.line;
    if (f.verdict === "fail") core.error(message, props);
    else core.warning(message, props);
  }
}

async function main(): Promise<boolean> {
  const loaded = await loadPolicy(core.getInput("policy") || undefined, { cwd: workspace });
  const policy = auditPolicyFromConfig(loaded.policy);
  const target = resolve(workspace, core.getInput("path") || ".");
  const graph = await loadGraph(target, policy.includeDevelopment ? {} : { omit: ["development"] });
  const db = core.getInput("db");
  const osvUrl = core.getInput("osv-url") || "https://api.osv.dev";
  const report = await runAudit({
    graph,
    policy,
    source: db
      ? { kind: "offline", dir: resolve(workspace, db), label: db }
      : {
          kind: "osv-api",
          baseUrl: osvUrl,
          cacheDir: core.getInput("cache-dir") || join(process.env.RUNNER_TEMP ?? workspace, "tollgate-osv"),
          http: createHttpClient({
            allow: [new URL(osvUrl).hostname, ...loaded.policy.network.allow],
            offline: loaded.policy.network.offline,
          }),
        },
  });
  const dir = (await isSbomFile(target)) ? undefined : (await stat(target)).isFile() ? dirname(target) : target;
  const rel = dir === undefined ? "" : relative(workspace, dir).split("\\").join("/");
  const prefix = rel === "" ? "" : `${rel}/`;
  if (core.getBooleanInput("annotations")) annotate(report, prefix);
  await core.summary.addRaw(renderMarkdown(report)).write();
  const sarifFile = core.getInput("sarif-file");
  if (sarifFile) {
    const sarif = buildSarif({ toolName: "tollgate-audit", toolVersion: "0.1.0", ...sarifInput(report, prefix) });
    core.setOutput("sarif-file", await write(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`));
  }
  const jsonFile = core.getInput("json-file");
  if (jsonFile) core.setOutput("json-file", await write(jsonFile, renderJson(report)));
  core.setOutput("passed", String(report.passed));
  core.setOutput("mode", report.mode);
  core.setOutput("findings", String(report.summary.findings));
  core.setOutput("failing", String(report.summary.failing));
  core.setOutput("warnings", String(report.summary.warnings));
  core.setOutput("ignored", String(report.summary.ignored));
  for (const p of report.problems) (p.level === "error" ? core.error : core.warning)(`${p.message} [${p.code}]`);
  return report.passed;
}

void runAction(main, "the advisory audit failed: see the job summary for the findings that fail the policy");
