import { runReleaseGate } from "@tollgate/gate";
import { glob } from "tinyglobby";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { stageProgress } from "../progress.js";
import { version } from "../version.js";

interface GateCliOptions {
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

function report(io: CliIO, text: string): void {
  io.stdout(text);
}

/** `tollgate gate [PATH] --artifacts GLOB…`: the whole release gate locally. */
export const gateCommand: CommandModule = {
  register(program, io, setExit) {
    program
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
      .action(async (path: string, options: GateCliOptions) => {
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
          onStage: stageProgress(io, 4),
        });
        report(io, outcome.summary);
        io.stderr(
          "signing skipped: tollgate gate checks locally; releases are signed in a workflow with id-token: write (the release workflow or the root action)\n",
        );
        setExit(outcome.verdict === "pass" ? ExitCode.Pass : ExitCode.GateFailed);
      });
  },
};
