import { TollgateError } from "@tollgate/errors";

/** Why signing, attesting or verifying failed. Verification codes name the check that failed. */
export type AttestErrorCode =
  | "ATTEST_NO_ARTIFACTS"
  | "ATTEST_READ_FAILED"
  | "ATTEST_ARTIFACT_CHANGED"
  | "ATTEST_OIDC_UNAVAILABLE"
  | "ATTEST_BAD_CONTEXT"
  | "ATTEST_BAD_INSTANCE"
  | "ATTEST_HOST_NOT_ALLOWED"
  | "ATTEST_SIGNING_FAILED"
  | "ATTEST_BAD_BUNDLE"
  | "ATTEST_BAD_TRUSTED_ROOT"
  | "ATTEST_BAD_POLICY"
  | "VERIFY_SIGNATURE"
  | "VERIFY_CERTIFICATE"
  | "VERIFY_TLOG"
  | "VERIFY_TIMESTAMP"
  | "VERIFY_IDENTITY"
  | "VERIFY_ISSUER"
  | "VERIFY_SOURCE_REPOSITORY"
  | "VERIFY_SOURCE_REF"
  | "VERIFY_SUBJECT_DIGEST"
  | "VERIFY_BUILDER"
  | "VERIFY_PREDICATE";

/** Every error raised by @tollgate/attest. */
export class AttestError extends TollgateError<AttestErrorCode> {}

/** Removes every occurrence of `secret` from `text` (the sigstore libraries quote the OIDC token in some errors). */
export function redactSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  const shown = secret.length > 12 ? `${secret.slice(0, 3)}***${secret.slice(-3)}` : "***";
  return text.split(secret).join(shown);
}
