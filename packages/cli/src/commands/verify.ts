import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import {
  AttestError,
  readBundleFile,
  type TrustedVerifier,
  type VerifyResult,
  verifierFromFile,
  verifierFromTuf,
  verifyArtifactBundle,
} from "@tollgate/attest";
import { formatError } from "@tollgate/errors";
import { compileAllowList, DEFAULT_ALLOWED_HOSTS } from "@tollgate/net";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";

interface VerifyFlags {
  bundle: string;
  certificateIdentity?: string;
  certificateIdentityRegexp?: string;
  certificateOidcIssuer: string;
  repository?: string;
  sourceRef?: string;
  builderId?: string;
  trustedRoot?: string;
}

/** `tollgate verify ARTIFACT --bundle FILE …`: signature, chain, log/timestamps, identity, then provenance. */
export const verifyCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("verify")
      .description(
        "Verify an artifact against a Sigstore bundle (or .intoto.jsonl attestations): signature, certificate chain, " +
          "transparency log and timestamps against the public-good trusted root (TUF) or --trusted-root, then the signer " +
          "identity, then for provenance the subject digest, builder and repository. Exit 1 names the failed check.",
      )
      .argument("<artifact>", "the file to verify")
      .requiredOption("--bundle <file>", "<artifact>.sigstore.json or <name>.intoto.jsonl")
      .option("--certificate-identity <san>", "exact signer identity (certificate SAN)")
      .option("--certificate-identity-regexp <re>", "regular expression the whole SAN must match")
      .requiredOption(
        "--certificate-oidc-issuer <url>",
        "exact OIDC issuer, e.g. https://token.actions.githubusercontent.com",
      )
      .option("--repository <owner/name>", "source repository the certificate (and provenance) must name")
      .option("--source-ref <ref>", "source ref the certificate must name, e.g. refs/tags/v1.2.3")
      .option("--builder-id <id>", "exact provenance builder.id")
      .option("--trusted-root <file>", "trusted_root.json for offline verification (default: public-good via TUF)")
      .action(async (artifact: string, flags: VerifyFlags) => {
        const path = resolve(io.cwd, artifact);
        const bundleFile = resolve(io.cwd, flags.bundle);
        const data = await readFile(path).catch((cause: Error) => {
          throw new AttestError("ATTEST_READ_FAILED", `cannot read ${artifact}: ${cause.message}`, {
            location: { file: artifact },
            hint: "Check the artifact path.",
          });
        });
        const trust: TrustedVerifier = flags.trustedRoot
          ? await verifierFromFile(resolve(io.cwd, flags.trustedRoot))
          : await verifierFromTuf({ isAllowed: (host) => compileAllowList(DEFAULT_ALLOWED_HOSTS).matches(host) });
        const identity = {
          certificateOidcIssuer: flags.certificateOidcIssuer,
          ...(flags.certificateIdentity !== undefined ? { certificateIdentity: flags.certificateIdentity } : {}),
          ...(flags.certificateIdentityRegexp !== undefined
            ? { certificateIdentityRegExp: flags.certificateIdentityRegexp }
            : {}),
          ...(flags.repository !== undefined ? { repository: flags.repository } : {}),
          ...(flags.sourceRef !== undefined ? { sourceRef: flags.sourceRef } : {}),
        };
        const provenance = {
          ...(flags.builderId !== undefined ? { builderId: flags.builderId } : {}),
          ...(flags.repository !== undefined ? { repository: flags.repository } : {}),
        };
        const failures: AttestError[] = [];
        let passed: VerifyResult | undefined;
        for (const bundle of await readBundleFile(bundleFile)) {
          try {
            passed = verifyArtifactBundle({
              artifact: { name: basename(path), data },
              bundle,
              bundleFile: flags.bundle,
              trust,
              identity,
              provenance,
            });
            break;
          } catch (error) {
            if (!(error instanceof AttestError) || !error.code.startsWith("VERIFY_")) throw error;
            failures.push(error);
          }
        }
        if (!passed) {
          // Of several chunks, the one that lists the artifact explains the failure best.
          const failure = failures.find((f) => f.code !== "VERIFY_SUBJECT_DIGEST") ?? failures[0];
          io.stderr(`tollgate: verification of ${artifact} failed: ${formatError(failure)}\n`);
          setExit(ExitCode.GateFailed);
          return;
        }
        const what = passed.kind === "dsse" ? `attestation ${passed.statement?.predicateType}` : "signature";
        io.stdout(
          `tollgate: verified ${artifact}: ${what} by ${passed.identity.subjectAlternativeName} (issuer ${passed.identity.issuer})\n`,
        );
        setExit(ExitCode.Pass);
      });
  },
};
