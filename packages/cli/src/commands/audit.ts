import { mkdir, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import {
  type AuditReport,
  auditPolicyFromConfig,
  DEFAULT_OSV_URL,
  renderJson,
  renderMarkdown,
  renderText,
  runAudit,
  sarifInput,
} from "@tollgate/advisories";
import { formatLocation } from "@tollgate/errors";
import { buildSarif } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";
import { checkGraph, loadPolicy, type PolicyReport, type PolicySourceInfo } from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";
import { Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { version } from "../version.js";
import { renderPolicyReport } from "./policy.js";

type AuditFormat = "text" | "json" | "sarif" | "markdown";

interface AuditCliOptions {
  offline?: boolean;
  db?: string;
  osvUrl: string;
  cacheDir?: string;
  /** The policy file; false with `--no-policy` (advisories only). */
  policy?: string | false;
  format: AuditFormat;
  output?: string;
}

/** Renders an audit report; SARIF locations get `prefix` so they are relative to the repository. */
export function renderAuditReport(report: AuditReport, format: AuditFormat, prefix: string): string {
  if (format === "json") return renderJson(report);
  if (format === "markdown") return renderMarkdown(report);
  if (format === "text") return renderText(report);
  const sarif = buildSarif({ toolName: "tollgate-audit", toolVersion: version, ...sarifInput(report, prefix) });
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** The policy side of an audit: its report and where the policy came from. */
export interface AuditPolicyPart {
  report: PolicyReport;
  source: PolicySourceInfo;
}

/** Renders the advisory report followed by the policy report (JSON: a `policy` key; SARIF: a second run). */
export function renderAuditWithPolicy(
  report: AuditReport,
  policy: AuditPolicyPart | undefined,
  format: AuditFormat,
  prefix: string,
): string {
  const advisories = renderAuditReport(report, format, prefix);
  if (policy === undefined) return advisories;
  const checks = renderPolicyReport(policy.report, format, policy.source, prefix);
  if (format === "text" || format === "markdown") return `${advisories}\n${checks}`;
  if (format === "json")
    return `${JSON.stringify({ ...JSON.parse(advisories), policy: JSON.parse(checks) }, null, 2)}\n`;
  const log = JSON.parse(advisories);
  return `${JSON.stringify({ ...log, runs: [...log.runs, ...JSON.parse(checks).runs] }, null, 2)}\n`;
}

/** The default cache of OSV API answers: $XDG_CACHE_HOME/tollgate/osv or ~/.cache/tollgate/osv. */
function defaultCacheDir(io: CliIO): string {
  return join(io.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "tollgate", "osv");
}

async function emit(io: CliIO, text: string, output: string | undefined): Promise<void> {
  if (output === undefined || output === "-") return io.stdout(text);
  const path = resolve(io.cwd, output);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** `tollgate audit [PATH|SBOM]`: every dependency against OSV advisories (OSV API or an offline database). */
export const auditCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("audit")
      .description(
        "Match every dependency against OSV advisories and report vulnerabilities with severity, fixed versions " +
          "and the path from a direct dependency, then check the dependency policy (licenses, bans, sources, " +
          "duplicates, deprecated/yanked). Exit 1 when an advisory or the policy fails.",
      )
      .argument("[path]", "a directory, a lockfile, or a CycloneDX/SPDX JSON file", ".")
      .option("--offline", "use the offline database given with --db; never go online")
      .option("--db <dir>", "offline database: a directory of OSV JSON files or all.zip archives (tollgate db update)")
      .option("--osv-url <url>", "base URL of the OSV API", DEFAULT_OSV_URL)
      .option("--cache-dir <dir>", "cache of OSV advisory details (default ~/.cache/tollgate/osv)")
      .option("--policy <file>", "the policy file (default: tollgate.yml, tollgate.yaml, .github/tollgate.yml)")
      .option("--no-policy", "advisories only: skip the dependency policy checks (licenses, bans, sources, …)")
      .addOption(
        new Option("--format <format>", "report format").choices(["text", "json", "sarif", "markdown"]).default("text"),
      )
      .option("--output <file>", "write the report to FILE instead of stdout")
      .action(async (path: string, options: AuditCliOptions) => {
        if (options.offline && !options.db) {
          io.stderr("tollgate: --offline needs --db DIR (create one with `tollgate db update --dir DIR`)\n");
          setExit(ExitCode.Error);
          return;
        }
        const loaded = await loadPolicy(options.policy || undefined, { cwd: io.cwd });
        const policy = auditPolicyFromConfig(loaded.policy);
        const target = resolve(io.cwd, path);
        const graph = await loadGraph(target, policy.includeDevelopment ? {} : { omit: ["development"] });
        for (const warning of graph.warnings) {
          const where = warning.location ? `${formatLocation(warning.location)}: ` : "";
          io.stderr(`tollgate: warning: ${where}${warning.message} [${warning.code}]\n`);
        }
        const offline = options.db !== undefined;
        const report = await runAudit({
          graph,
          policy,
          source: offline
            ? { kind: "offline", dir: resolve(io.cwd, options.db as string), label: options.db as string }
            : {
                kind: "osv-api",
                baseUrl: options.osvUrl,
                cacheDir: options.cacheDir ? resolve(io.cwd, options.cacheDir) : defaultCacheDir(io),
                http: createHttpClient({
                  allow: [new URL(options.osvUrl).hostname, ...loaded.policy.network.allow],
                  offline: loaded.policy.network.offline,
                }),
              },
        });
        const dir = (await isSbomFile(target)) ? undefined : (await stat(target)).isFile() ? dirname(target) : target;
        let policyPart: AuditPolicyPart | undefined;
        if (options.policy !== false) {
          for (const key of loaded.unmapped ?? [])
            io.stderr(`tollgate: warning: ${loaded.file}: ${key} is not applied by Tollgate\n`);
          const checked = await checkGraph(graph, loaded.policy, {
            ...(dir === undefined ? {} : { dir }),
            offline: options.offline === true,
            env: io.env,
          });
          policyPart = {
            report: checked,
            source: {
              ...(loaded.file ? { file: loaded.file } : {}),
              ...(loaded.sha256 ? { sha256: loaded.sha256 } : {}),
            },
          };
        }
        const prefix = dir === undefined ? "" : relative(io.cwd, dir).split("\\").join("/");
        const rendered = renderAuditWithPolicy(report, policyPart, options.format, prefix === "" ? "" : `${prefix}/`);
        await emit(io, rendered, options.output);
        const failed = !report.passed || (policyPart !== undefined && policyPart.report.verdict !== "pass");
        setExit(failed ? ExitCode.GateFailed : ExitCode.Pass);
      });
  },
};
