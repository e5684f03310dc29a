import { relative, resolve } from "node:path";
import {
  certificateIdentityFromPem,
  createSigningSession,
  decodeJwtClaims,
  resolveInstance,
  type SigstoreInstance,
  signArtifacts,
  tokenFromEnvironment,
} from "@tollgate/attest";
import { createHttpClient } from "@tollgate/net";
import { type Command, Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";

/** Flags shared by `sign` and `attest`: which Sigstore instance, and the hosts it may reach. */
export interface InstanceFlags {
  instance: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  rekorVersion?: string;
  tsaUrl?: string;
  allowHost?: string[];
}

/** Declares the instance flags on a command. */
export function addInstanceFlags(command: Command): Command {
  return command
    .addOption(
      new Option("--instance <name>", "auto: public-good for public repositories, github otherwise")
        .choices(["auto", "public-good", "github", "custom"])
        .default("auto"),
    )
    .option("--fulcio-url <url>", "custom instance: Fulcio URL")
    .option("--rekor-url <url>", "custom instance: Rekor URL (omit for no transparency log)")
    .addOption(new Option("--rekor-version <n>", "custom instance: Rekor API version").choices(["1", "2"]))
    .option("--tsa-url <url>", "custom instance: RFC 3161 timestamp authority URL")
    .option("--allow-host <host...>", "hosts the Sigstore services may use besides the defaults (network.allow)");
}

/** The OIDC token provider of the CLI: SIGSTORE_ID_TOKEN, else the GitHub Actions runner's endpoint. */
export function cliTokenProvider(io: CliIO): () => Promise<string | undefined> {
  const runnerUrl = io.env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const http = createHttpClient(runnerUrl ? { allow: [new URL(runnerUrl).hostname] } : {});
  let token: Promise<string | undefined> | undefined;
  return () => {
    token ??= tokenFromEnvironment(io.env, http);
    return token;
  };
}

/** One line describing where signatures went. */
export function describeInstance(instance: SigstoreInstance): string {
  const log = instance.rekorUrl ? `Rekor v${instance.rekorVersion ?? 1} ${instance.rekorUrl}` : "no transparency log";
  return `${instance.name} (Fulcio ${instance.fulcioUrl}, ${log}${instance.tsaUrl ? `, TSA ${instance.tsaUrl}` : ""})`;
}

/** The repository visibility claimed by a token, "private" when it says nothing (never leak by default). */
export function visibilityOf(token: string | undefined): string {
  if (!token) return "private";
  try {
    const visibility = decodeJwtClaims(token).repository_visibility;
    return typeof visibility === "string" ? visibility : "private";
  } catch {
    return "private";
  }
}

/** `tollgate sign ARTIFACT...`: keyless signatures as Sigstore bundles beside each artifact, and a signed SHA256SUMS. */
export const signCommand: CommandModule = {
  register(program, io, setExit) {
    addInstanceFlags(
      program
        .command("sign")
        .description(
          "Sign each artifact keylessly (Fulcio certificate for the CI's OIDC identity, log entry and/or timestamp) into " +
            "<artifact>.sigstore.json, and write and sign SHA256SUMS. Needs an OIDC token: `permissions: id-token: write` " +
            "on GitHub Actions, or SIGSTORE_ID_TOKEN.",
        )
        .argument("<artifacts...>", "files to sign")
        .option("--out-dir <dir>", "directory for SHA256SUMS (default: .)")
        .option("--legacy-signatures", "also write <artifact>.sig and <artifact>.pem for older verifiers"),
    ).action(async (artifacts: string[], options: InstanceFlags & { outDir?: string; legacySignatures?: boolean }) => {
      const getToken = cliTokenProvider(io);
      const instance = resolveInstance(
        { ...options, allowHosts: options.allowHost ?? [] },
        visibilityOf(await getToken().catch(() => undefined)),
      );
      const session = createSigningSession({ instance, getToken });
      const result = await signArtifacts({
        paths: artifacts.map((a) => resolve(io.cwd, a)),
        session,
        outDir: resolve(io.cwd, options.outDir ?? "."),
        legacy: options.legacySignatures === true,
      });
      const identity = certificateIdentityFromPem(await session.certificatePem());
      io.stderr(
        `tollgate: signed ${result.artifacts.length} artifacts and SHA256SUMS with ${describeInstance(instance)}\n`,
      );
      io.stderr(`tollgate: signer identity ${identity.subjectAlternativeName} (issuer ${identity.issuer})\n`);
      // One write for all the file lines (2,000+ for 1,000 artifacts with --legacy-signatures), same text.
      io.stderr(result.written.map((file) => `tollgate: wrote ${relative(io.cwd, file)}\n`).join(""));
      setExit(ExitCode.Pass);
    });
  },
};
