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
import { loadPolicy } from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";
import { Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { version } from "../version.js";

type AuditFormat = "text" | "json" | "sarif" | "markdown";

interface AuditCliOptions {
  offline?: boolean;
  db?: string;
  osvUrl: string;
  cacheDir?: string;
  policy?: string;
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
          "and the path from a direct dependency. Exit 1 when a finding fails the policy.",
      )
      .argument("[path]", "a directory, a lockfile, or a CycloneDX/SPDX JSON file", ".")
      .option("--offline", "use the offline database given with --db; never go online")
      .option("--db <dir>", "offline database: a directory of OSV JSON files or all.zip archives (tollgate db update)")
      .option("--osv-url <url>", "base URL of the OSV API", DEFAULT_OSV_URL)
      .option("--cache-dir <dir>", "cache of OSV advisory details (default ~/.cache/tollgate/osv)")
      .option("--policy <file>", "the policy file (default: tollgate.yml, tollgate.yaml, .github/tollgate.yml)")
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
        const loaded = await loadPolicy(options.policy, { cwd: io.cwd });
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
        const prefix = dir === undefined ? "" : relative(io.cwd, dir).split("\\").join("/");
        await emit(io, renderAuditReport(report, options.format, prefix === "" ? "" : `${prefix}/`), options.output);
        setExit(report.passed ? ExitCode.Pass : ExitCode.GateFailed);
      });
  },
};
