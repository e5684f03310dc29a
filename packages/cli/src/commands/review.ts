import { stat } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { AdvisorySourceOptions } from "@tollgate/advisories";
import { createHttpClient } from "@tollgate/net";
import { loadPolicy, type ReviewResult, renderReviewJson, renderReviewMarkdown, runReview } from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";
import { Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { emit, metadataUrls } from "./policy.js";

interface ReviewOptions {
  base?: string;
  baseSbom?: string;
  policy?: string;
  format: "markdown" | "json" | "text";
  output?: string;
  offline?: boolean;
  advisoryDb?: string;
  metadataUrl?: string[];
}

function registryHosts(env: NodeJS.ProcessEnv): string[] {
  const npm = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
  try {
    return npm ? [new URL(npm).host] : [];
  } catch {
    return [];
  }
}

function metadataCache(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "tollgate", "metadata");
}

/** A few lines for a terminal: verdict, counts and each introduced finding. */
export function renderReviewText(result: ReviewResult): string {
  const lines = [
    `${result.verdict === "pass" ? "PASS" : "FAIL"}: ${result.diff.added.length} added, ${result.diff.changed.length} changed, ${result.diff.removed.length} removed`,
  ];
  for (const a of result.advisories)
    lines.push(`${a.level === "deny" ? "✖" : "⚠"} advisory ${a.package}@${a.version}: ${a.message}`);
  for (const f of result.introduced)
    lines.push(`${f.level === "deny" ? "✖" : "⚠"} ${f.kind} ${f.package}@${f.version} [${f.rule}]: ${f.message}`);
  return `${lines.join("\n")}\n`;
}

/** `tollgate review --base REF`: what a change does to the dependencies and what it introduces against the policy. */
export const reviewCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("review")
      .description(
        "Review a change: dependencies added, changed and removed since --base (a git ref) or --base-sbom, and the " +
          "policy failures and vulnerabilities the change introduces. Exit 1 when it introduces a failure.",
      )
      .argument("[path]", "the project directory (or an SBOM of the head)", ".")
      .option("--base <ref>", "git ref of the base, e.g. origin/main (its lockfiles are read with git show)")
      .option("--base-sbom <file>", "an SBOM (or lockfile directory) of the base instead of a git ref")
      .option(
        "--policy <file>",
        "the policy file (default: tollgate.yml, tollgate.yaml, .github/tollgate.yml, deny.toml)",
      )
      .addOption(new Option("--format <format>", "report format").choices(["markdown", "json", "text"]).default("text"))
      .option("--output <file>", "write the report to FILE instead of stdout")
      .option("--offline", "no network: no license lookups; vulnerabilities come only from --advisory-db")
      .option("--advisory-db <dir>", "an offline OSV database directory for the vulnerability part of the review")
      .option("--metadata-url <ecosystem=url...>", "metadata API of a registry, e.g. crates.io=https://mirror.example/")
      .action(async (path: string, options: ReviewOptions) => {
        const loaded = await loadPolicy(options.policy, { cwd: io.cwd });
        const target = resolve(io.cwd, path);
        const head = await loadGraph(target, { allowEmpty: true });
        const dir = (await isSbomFile(target)) ? undefined : (await stat(target)).isFile() ? dirname(target) : target;
        const offline = options.offline === true || loaded.policy.network.offline;
        const http = offline
          ? undefined
          : createHttpClient({ allow: [...loaded.policy.network.allow, ...registryHosts(io.env)] });
        let advisories: AdvisorySourceOptions | undefined;
        if (options.advisoryDb !== undefined)
          advisories = { kind: "offline", dir: resolve(io.cwd, options.advisoryDb) };
        else if (http) advisories = { kind: "osv-api", http };
        const result = await runReview({
          head,
          ...(dir === undefined ? {} : { dir }),
          ...(options.base === undefined ? {} : { baseRef: options.base }),
          ...(options.baseSbom === undefined
            ? {}
            : { base: await loadGraph(resolve(io.cwd, options.baseSbom), { allowEmpty: true }) }),
          loaded,
          ...(advisories ? { advisories } : {}),
          ...(http
            ? { metadata: { http, registries: metadataUrls(options.metadataUrl), cacheDir: metadataCache(io.env) } }
            : {}),
          env: io.env,
        });
        const text =
          options.format === "json"
            ? renderReviewJson(result)
            : options.format === "markdown"
              ? renderReviewMarkdown(result, loaded.file ? { policyFile: loaded.file } : {})
              : renderReviewText(result);
        await emit(io, text, options.output);
        setExit(result.verdict === "pass" ? ExitCode.Pass : ExitCode.GateFailed);
      });
  },
};
