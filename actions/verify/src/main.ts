import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import * as core from "@actions/core";
import { AttestError, readBundleFile, verifierFromFile, verifierFromTuf, verifyArtifactBundle } from "@tollgate/attest";
import { runAction } from "@tollgate/github";
import { compileAllowList, DEFAULT_ALLOWED_HOSTS } from "@tollgate/net";

void runAction(async () => {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const artifact = resolve(workspace, core.getInput("artifact", { required: true }));
  const bundleFile = resolve(workspace, core.getInput("bundle", { required: true }));
  const trustedRoot = core.getInput("trusted-root");
  const trust = trustedRoot
    ? await verifierFromFile(resolve(workspace, trustedRoot))
    : await verifierFromTuf({ isAllowed: (host) => compileAllowList(DEFAULT_ALLOWED_HOSTS).matches(host) });
  const optional = (name: string): string | undefined => core.getInput(name) || undefined;
  const identity = {
    certificateOidcIssuer: core.getInput("certificate-oidc-issuer") || "https://token.actions.githubusercontent.com",
    ...(optional("certificate-identity") ? { certificateIdentity: optional("certificate-identity") } : {}),
    ...(optional("certificate-identity-regexp")
      ? { certificateIdentityRegExp: optional("certificate-identity-regexp") }
      : {}),
    ...(optional("repository") ? { repository: optional("repository") } : {}),
    ...(optional("source-ref") ? { sourceRef: optional("source-ref") } : {}),
  };
  const provenance = {
    ...(optional("builder-id") ? { builderId: optional("builder-id") } : {}),
    ...(optional("repository") ? { repository: optional("repository") } : {}),
  };
  const data = await readFile(artifact).catch((cause: Error) => {
    throw new AttestError("ATTEST_READ_FAILED", `cannot read ${artifact}: ${cause.message}`, {
      location: { file: artifact },
      hint: "Check the `artifact` input; download the release asset first.",
    });
  });
  const bundles = await readBundleFile(bundleFile);
  const failures: AttestError[] = [];
  for (const bundle of bundles) {
    try {
      const result = verifyArtifactBundle({
        artifact: { name: basename(artifact), data },
        bundle,
        bundleFile,
        trust,
        identity,
        provenance,
      });
      core.info(
        `verified ${basename(artifact)}: signed by ${result.identity.subjectAlternativeName} (issuer ${result.identity.issuer})`,
      );
      core.setOutput("signer-identity", result.identity.subjectAlternativeName ?? "");
      return true;
    } catch (error) {
      if (!(error instanceof AttestError) || !error.code.startsWith("VERIFY_")) throw error;
      failures.push(error);
    }
  }
  throw failures.find((f) => f.code !== "VERIFY_SUBJECT_DIGEST") ?? failures[0];
}, "verification failed");
