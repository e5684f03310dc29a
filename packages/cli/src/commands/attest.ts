import { relative, resolve } from "node:path";
import { attestRelease, resolveInstance } from "@tollgate/attest";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { addInstanceFlags, cliTokenProvider, describeInstance, type InstanceFlags } from "./sign.js";

interface AttestFlags extends InstanceFlags {
  sbom?: string[];
  provenance: boolean;
  outDir?: string;
  serverUrl?: string;
}

/** `tollgate attest ARTIFACT...`: SLSA provenance and SBOM attestations over all artifacts, as DSSE bundles. */
export const attestCommand: CommandModule = {
  register(program, io, setExit) {
    addInstanceFlags(
      program
        .command("attest")
        .description(
          "Attest SLSA Provenance v1 (from the GitHub Actions run's OIDC claims) and each --sbom over all artifacts as " +
            "subjects: one signed in-toto statement per predicate (per 1024 subjects), written to <out-dir>/<name>.intoto.jsonl.",
        )
        .argument("<artifacts...>", "files that are the subjects")
        .option("--sbom <file...>", "CycloneDX or SPDX JSON SBOMs to attest")
        .option("--no-provenance", "attest only the SBOMs")
        .option("--out-dir <dir>", "directory for the .intoto.jsonl files (default: .)")
        .option("--server-url <url>", "GitHub server (default: GITHUB_SERVER_URL or https://github.com)"),
    ).action(async (artifacts: string[], options: AttestFlags) => {
      const result = await attestRelease({
        paths: artifacts.map((a) => resolve(io.cwd, a)),
        sbomPaths: (options.sbom ?? []).map((s) => resolve(io.cwd, s)),
        provenance: options.provenance,
        outDir: resolve(io.cwd, options.outDir ?? "."),
        instance: (visibility) => resolveInstance({ ...options, allowHosts: options.allowHost ?? [] }, visibility),
        getToken: cliTokenProvider(io),
        serverUrl: options.serverUrl ?? io.env.GITHUB_SERVER_URL ?? "https://github.com",
      });
      io.stderr(`tollgate: attested ${result.subjects} artifacts with ${describeInstance(result.instance)}\n`);
      for (const file of result.files) {
        io.stderr(
          `tollgate: wrote ${relative(io.cwd, file.path)} (${file.predicateType}, ${file.bundles.length} bundle(s))\n`,
        );
      }
      setExit(ExitCode.Pass);
    });
  },
};
