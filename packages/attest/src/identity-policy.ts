import { AttestError } from "./attest-error.js";
import type { CertificateIdentity } from "./certificate-identity.js";

/** Who must have signed: like cosign's and gh's flags. */
export interface IdentityPolicy {
  /** The exact certificate SAN, e.g. https://github.com/acme/widgets/.github/workflows/release.yml@refs/tags/v1.2.3. */
  certificateIdentity?: string;
  /** A regular expression the whole SAN must match (anchored: ^(?:…)$). */
  certificateIdentityRegExp?: string;
  /** The exact OIDC issuer, e.g. https://token.actions.githubusercontent.com. */
  certificateOidcIssuer: string;
  /** owner/name: the certificate's source repository must be <serverUrl>/<owner/name>. */
  repository?: string;
  /** e.g. refs/tags/v1.2.3: the certificate's source repository ref. */
  sourceRef?: string;
  /** Server of `repository`; default https://github.com. */
  serverUrl?: string;
}

/** Checks the policy is complete and its regular expression compiles. */
export function validateIdentityPolicy(policy: IdentityPolicy): void {
  const exact = policy.certificateIdentity !== undefined;
  const pattern = policy.certificateIdentityRegExp !== undefined;
  if (exact === pattern) {
    throw new AttestError(
      "ATTEST_BAD_POLICY",
      "give exactly one of --certificate-identity and --certificate-identity-regexp",
      {
        hint: "Name the workflow that must have signed, e.g. --certificate-identity https://github.com/OWNER/REPO/.github/workflows/release.yml@refs/tags/v1.2.3.",
      },
    );
  }
  if (!policy.certificateOidcIssuer) {
    throw new AttestError("ATTEST_BAD_POLICY", "--certificate-oidc-issuer is required", {
      hint: "For GitHub Actions use --certificate-oidc-issuer https://token.actions.githubusercontent.com.",
    });
  }
  if (pattern) compile(policy.certificateIdentityRegExp ?? "");
}

function compile(source: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`, "u");
  } catch (cause) {
    throw new AttestError(
      "ATTEST_BAD_POLICY",
      `--certificate-identity-regexp is not a valid regular expression: ${(cause as Error).message}`,
      {
        cause,
        hint: "Escape dots and slashes as needed; the expression must match the whole SAN.",
      },
    );
  }
}

/** Applies the identity policy to what the certificate says; the first mismatch is an error naming the check. */
export function checkIdentity(identity: CertificateIdentity, policy: IdentityPolicy): void {
  const san = identity.subjectAlternativeName ?? "";
  if (policy.certificateIdentity !== undefined && san !== policy.certificateIdentity) {
    throw new AttestError(
      "VERIFY_IDENTITY",
      `identity check failed: the certificate SAN is ${JSON.stringify(san)}, expected ${JSON.stringify(policy.certificateIdentity)}`,
      {
        hint: "The artifact was signed by another workflow or ref; check --certificate-identity.",
      },
    );
  }
  if (policy.certificateIdentityRegExp !== undefined && !compile(policy.certificateIdentityRegExp).test(san)) {
    throw new AttestError(
      "VERIFY_IDENTITY",
      `identity check failed: the certificate SAN ${JSON.stringify(san)} does not match /^(?:${policy.certificateIdentityRegExp})$/`,
      {
        hint: "The artifact was signed by another workflow or ref; check --certificate-identity-regexp.",
      },
    );
  }
  if (identity.issuer !== policy.certificateOidcIssuer) {
    throw new AttestError(
      "VERIFY_ISSUER",
      `issuer check failed: the certificate's OIDC issuer is ${JSON.stringify(identity.issuer ?? "")}, expected ${JSON.stringify(policy.certificateOidcIssuer)}`,
      {
        hint: "The signing identity came from another OIDC provider; check --certificate-oidc-issuer.",
      },
    );
  }
  if (policy.repository !== undefined) {
    const expected = `${(policy.serverUrl ?? "https://github.com").replace(/\/$/, "")}/${policy.repository}`;
    if (identity.sourceRepositoryUri !== expected) {
      throw new AttestError(
        "VERIFY_SOURCE_REPOSITORY",
        `source repository check failed: the certificate says ${JSON.stringify(identity.sourceRepositoryUri ?? "")}, expected ${JSON.stringify(expected)}`,
        {
          hint: "The artifact was built from another repository (a fork?); check --repository.",
        },
      );
    }
  }
  if (policy.sourceRef !== undefined && identity.sourceRepositoryRef !== policy.sourceRef) {
    throw new AttestError(
      "VERIFY_SOURCE_REF",
      `source ref check failed: the certificate says ${JSON.stringify(identity.sourceRepositoryRef ?? "")}, expected ${JSON.stringify(policy.sourceRef)}`,
      {
        hint: "The artifact was built from another branch or tag; check --source-ref.",
      },
    );
  }
}
