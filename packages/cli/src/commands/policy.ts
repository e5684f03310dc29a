import { stat, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { formatLocation } from "@tollgate/errors";
import { buildSarif } from "@tollgate/github";
import type { Ecosystem, Scope } from "@tollgate/inventory";
import {
  checkGraph,
  loadPolicy,
  PolicyError,
  type PolicyReport,
  type PolicySourceInfo,
  policyJsonSchema,
  renderJson,
  renderMarkdown,
  renderText,
  sarifInputs,
} from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";
import { Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { version } from "../version.js";

/** Report formats every policy-like command writes. */
export type ReportFormat = "text" | "json" | "sarif" | "markdown";

interface PolicyOptions {
  policy?: string;
  format: ReportFormat;
  output?: string;
  offline?: boolean;
  metadataUrl?: string[];
  schema?: boolean;
  omit?: string[];
}

/** Parses `--metadata-url ecosystem=url` pairs. */
export function metadataUrls(pairs: string[] = []): Partial<Record<Ecosystem, string>> {
  const out: Partial<Record<Ecosystem, string>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) {
      throw new PolicyError("POLICY_USAGE", `--metadata-url expects ecosystem=url, got ${pair}`, {
        hint: "write e.g. --metadata-url crates.io=https://crates-mirror.example/",
      });
    }
    out[pair.slice(0, at) as Ecosystem] = pair.slice(at + 1);
  }
  return out;
}

/** Renders a policy report in the chosen format; SARIF locations are made relative to `cwd`. */
export function renderPolicyReport(
  report: PolicyReport,
  format: ReportFormat,
  source: PolicySourceInfo,
  prefix: string,
): string {
  if (format === "json") return renderJson(report, source);
  if (format === "markdown") return renderMarkdown(report, source);
  if (format === "text") return renderText(report, source);
  const { rules, results } = sarifInputs(report, prefix);
  return `${JSON.stringify(buildSarif({ toolName: "tollgate-policy", toolVersion: version, rules, results }), null, 2)}\n`;
}

/** Writes `text` to `--output FILE` or stdout. */
export async function emit(io: CliIO, text: string, output: string | undefined): Promise<void> {
  if (output === undefined || output === "-") io.stdout(text);
  else await writeFile(resolve(io.cwd, output), text);
}

/** `tollgate policy [PATH|SBOM]`: checks licenses, bans, sources, duplicates, deprecated and yanked packages. */
export const policyCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("policy")
      .description(
        "Check dependencies against the policy (tollgate.yml, or a cargo-deny deny.toml): licenses, bans, " +
          "sources, duplicate versions, deprecated and yanked packages. Exit 1 when the policy fails.",
      )
      .argument("[path]", "a directory, a lockfile, or a CycloneDX/SPDX JSON file", ".")
      .option(
        "--policy <file>",
        "the policy file (default: tollgate.yml, tollgate.yaml, .github/tollgate.yml, deny.toml)",
      )
      .addOption(
        new Option("--format <format>", "report format").choices(["text", "json", "sarif", "markdown"]).default("text"),
      )
      .option("--output <file>", "write the report to FILE instead of stdout")
      .option("--offline", "do not look licenses up in registries (unknown licenses then follow licenses.unknown)")
      .option("--metadata-url <ecosystem=url...>", "metadata API of a registry, e.g. crates.io=https://mirror.example/")
      .addOption(
        new Option("--omit <scope...>", "leave out development (or optional) dependencies").choices([
          "dev",
          "optional",
        ]),
      )
      .option("--schema", "print the policy file's JSON Schema and exit")
      .action(async (path: string, options: PolicyOptions) => {
        if (options.schema) {
          io.stdout(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
          setExit(ExitCode.Pass);
          return;
        }
        const loaded = await loadPolicy(options.policy, { cwd: io.cwd });
        for (const key of loaded.unmapped ?? [])
          io.stderr(`tollgate: warning: ${loaded.file}: ${key} is not applied by Tollgate\n`);
        const target = resolve(io.cwd, path);
        const omit = (options.omit ?? []).map((o) => (o === "dev" ? "development" : "optional") as Scope);
        const graph = await loadGraph(target, omit.length > 0 ? { omit } : {});
        for (const warning of graph.warnings) {
          const where = warning.location ? `${formatLocation(warning.location)}: ` : "";
          io.stderr(`tollgate: warning: ${where}${warning.message} [${warning.code}]\n`);
        }
        const sbom = await isSbomFile(target);
        const dir = sbom ? undefined : (await stat(target)).isFile() ? dirname(target) : target;
        const report = await checkGraph(graph, loaded.policy, {
          ...(dir === undefined ? {} : { dir }),
          offline: options.offline === true,
          metadataUrls: metadataUrls(options.metadataUrl),
          env: io.env,
        });
        const prefix = dir === undefined ? "" : relative(io.cwd, dir).split("\\").join("/");
        const source: PolicySourceInfo = {
          ...(loaded.file ? { file: loaded.file } : {}),
          ...(loaded.sha256 ? { sha256: loaded.sha256 } : {}),
        };
        await emit(
          io,
          renderPolicyReport(report, options.format, source, prefix === "" ? "" : `${prefix}/`),
          options.output,
        );
        setExit(report.verdict === "pass" ? ExitCode.Pass : ExitCode.GateFailed);
      });
  },
};
