import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { resolveInstance } from "@tollgate/attest";
import { type ReleaseGateOptions, runReleaseGate, signingStages } from "@tollgate/gate";
import { glob } from "tinyglobby";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { stageProgress } from "../progress.js";
import { version } from "../version.js";
import { addInstanceFlags, cliTokenProvider, type InstanceFlags, visibilityOf } from "./sign.js";

interface GateCliOptions extends InstanceFlags {
  sign?: boolean;
  artifacts: string[];
  policy?: string;
  outputDir: string;
  offline?: boolean;
  db?: string;
  osvUrl?: string;
}

/** Expands artifact globs relative to cwd; a glob that matches nothing is an error, not a silent pass. */
export async function expandArtifacts(patterns: string[], cwd: string): Promise<string[]> {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const matched = await glob(pattern, { cwd, onlyFiles: true, dot: true, expandDirectories: false });
    if (matched.length === 0) throw new Error(`--artifacts ${pattern} matched no file in ${cwd}`);
    for (const m of matched) out.add(m);
  }
  return [...out].sort();
}

/** Sign and attest stages for `--sign`: the identity token comes from SIGSTORE_ID_TOKEN or the Actions runner. */
async function releaseStages(io: CliIO, options: GateCliOptions): Promise<ReleaseGateOptions["release"]> {
  const getToken = cliTokenProvider(io);
  const instance = resolveInstance(
    { ...options, allowHosts: options.allowHost ?? [] },
    visibilityOf(await getToken().catch(() => undefined)),
  );
  const server = io.env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = io.env.GITHUB_REPOSITORY;
  const where = repository ? `git+${server}/${repository}@${io.env.GITHUB_REF ?? ""}` : pathToFileURL(io.cwd).href;
  return signingStages({
    instance,
    getToken,
    outDir: resolve(io.cwd, options.outputDir),
    verifierId: `https://github.com/tollgate-dev/tollgate/cli@v${version}`,
    resourceUri: where,
    policyUri: repository
      ? `${server}/${repository}/blob/${io.env.GITHUB_SHA ?? ""}/${options.policy ?? "tollgate.yml"}`
      : `${where}/${options.policy ?? "tollgate.yml"}`,
    serverUrl: server,
  });
}

/** `tollgate gate [PATH] --artifacts GLOB…`: the whole release gate locally. */
export const gateCommand: CommandModule = {
  register(program, io, setExit) {
    const command = program
      .command("gate")
      .description(
        "run every gate (SBOM, advisories, dependency policy, secrets) on a release; writes the record and summary",
      )
      .argument("[path]", "the project directory (lockfiles) or an SBOM file", ".")
      .requiredOption("--artifacts <glob...>", "the release files to scan (and sign in a workflow)")
      .option("--policy <file>", "the policy file (default: tollgate.yml, tollgate.yaml, .github/tollgate.yml)")
      .option("--output-dir <dir>", "where SBOMs, tollgate-record.json and tollgate-summary.md go", "tollgate-evidence")
      .option("--offline", "audit against the offline database given with --db; never go online")
      .option("--db <dir>", "offline OSV database (tollgate db update)")
      .option("--osv-url <url>", "base URL of the OSV API")
      .option(
        "--sign",
        "when every check passes, sign and attest the artifacts (needs an OIDC token: SIGSTORE_ID_TOKEN)",
      );
    addInstanceFlags(command).action(async (path: string, options: GateCliOptions) => {
      if (options.offline && !options.db) {
        io.stderr("tollgate: --offline needs --db DIR (create one with: tollgate db update --dir DIR)\n");
        setExit(ExitCode.Error);
        return;
      }
      const artifacts = await expandArtifacts(options.artifacts, io.cwd).catch((error: Error) => {
        io.stderr(`tollgate: ${error.message}\n  hint: build the release files first, or fix the glob\n`);
        return undefined;
      });
      if (!artifacts) {
        setExit(ExitCode.Error);
        return;
      }
      const outcome = await runReleaseGate({
        path,
        artifacts,
        cwd: io.cwd,
        outputDir: options.outputDir,
        ...(options.policy ? { policyFile: options.policy } : {}),
        ...(options.db ? { db: options.db } : {}),
        ...(options.osvUrl ? { osvUrl: options.osvUrl } : {}),
        toolVersion: version,
        env: io.env,
        onStage: stageProgress(io, options.sign ? 6 : 4),
        ...(options.sign ? { release: await releaseStages(io, options) } : {}),
      });
      io.stdout(outcome.summary);
      if (!options.sign) {
        io.stderr(
          "signing skipped: pass --sign with an OIDC token (SIGSTORE_ID_TOKEN), or sign in a workflow with id-token: write\n",
        );
      }
      setExit(outcome.verdict === "pass" ? ExitCode.Pass : ExitCode.GateFailed);
    });
  },
};
