import { bundleFromJSON, type SerializedBundle } from "@sigstore/bundle";
import { toSignedEntity } from "@sigstore/verify";
import { AttestError, type AttestErrorCode } from "./attest-error.js";
import { type CertificateIdentity, certificateIdentity, leafCertificate } from "./certificate-identity.js";
import { sha256Hex } from "./digest.js";
import { checkIdentity, type IdentityPolicy, validateIdentityPolicy } from "./identity-policy.js";
import { IN_TOTO_PAYLOAD_TYPE, type Statement } from "./statement.js";
import type { TrustedVerifier } from "./trust.js";
import { checkProvenance, type ProvenancePolicy } from "./verify-provenance.js";

export interface VerifyOptions {
  /** The artifact's bytes and the name it is released under. */
  artifact: { name: string; data: Buffer };
  /** The bundle as parsed from `<artifact>.sigstore.json` (or one line of `.intoto.jsonl`). */
  bundle: unknown;
  /** Where the bundle came from, for messages. */
  bundleFile: string;
  trust: TrustedVerifier;
  identity: IdentityPolicy;
  provenance?: ProvenancePolicy;
}

export interface VerifyResult {
  kind: "message-signature" | "dsse";
  identity: CertificateIdentity;
  /** The in-toto statement of a DSSE bundle. */
  statement?: Statement;
}

const CODES: Record<string, AttestErrorCode> = {
  SIGNATURE_ERROR: "VERIFY_SIGNATURE",
  CERTIFICATE_ERROR: "VERIFY_CERTIFICATE",
  PUBLIC_KEY_ERROR: "VERIFY_CERTIFICATE",
  TIMESTAMP_ERROR: "VERIFY_TIMESTAMP",
  TLOG_ERROR: "VERIFY_TLOG",
  TLOG_INCLUSION_PROOF_ERROR: "VERIFY_TLOG",
  TLOG_INCLUSION_PROMISE_ERROR: "VERIFY_TLOG",
  TLOG_MISSING_INCLUSION_ERROR: "VERIFY_TLOG",
  TLOG_BODY_ERROR: "VERIFY_TLOG",
};
const CHECK: Partial<Record<AttestErrorCode, string>> = {
  VERIFY_SIGNATURE: "signature check failed",
  VERIFY_CERTIFICATE: "certificate chain check failed (the certificate is not issued by a CA of the trusted root)",
  VERIFY_TIMESTAMP: "timestamp check failed",
  VERIFY_TLOG: "transparency log check failed",
};

/**
 * Verifies a bundle for an artifact: signature, certificate chain, log inclusion and timestamps against the
 * trusted root; then the identity policy; then, for in-toto bundles, the subject digest and provenance policy.
 */
export function verifyArtifactBundle(options: VerifyOptions): VerifyResult {
  validateIdentityPolicy(options.identity);
  const serialized = options.bundle as SerializedBundle;
  let bundle: ReturnType<typeof bundleFromJSON>;
  try {
    bundle = bundleFromJSON(serialized);
  } catch (cause) {
    throw new AttestError(
      "ATTEST_BAD_BUNDLE",
      `${options.bundleFile} is not a Sigstore bundle: ${(cause as Error).message}`,
      {
        location: { file: options.bundleFile },
        cause,
        hint: "Pass the .sigstore.json bundle written by `tollgate sign` or `tollgate attest`.",
      },
    );
  }
  const kind = bundle.content.$case === "dsseEnvelope" ? "dsse" : "message-signature";
  if (options.trust.requiresTlog && bundle.verificationMaterial.tlogEntries.length === 0) {
    throw new AttestError(
      "VERIFY_TLOG",
      `transparency log check failed: ${options.bundleFile} has no log entry, but the trusted root has a transparency log`,
      {
        location: { file: options.bundleFile },
        hint: "The bundle was stripped of its log entry or signed on an instance without a log; verify with that instance's trusted root.",
      },
    );
  }
  try {
    options.trust.verifier.verify(toSignedEntity(bundle, kind === "dsse" ? undefined : options.artifact.data));
  } catch (cause) {
    const code = CODES[(cause as { code?: string }).code ?? ""] ?? "VERIFY_SIGNATURE";
    const detail = (cause as Error).message;
    const subject = kind === "dsse" ? "the attestation payload" : options.artifact.name;
    throw new AttestError(code, `${CHECK[code]}: ${detail} (${subject}, ${options.bundleFile})`, {
      location: { file: options.bundleFile },
      cause,
      hint:
        code === "VERIFY_SIGNATURE"
          ? "The artifact or the bundle was modified after signing; do not use this artifact."
          : "The bundle was not produced by the instance of this trusted root, or was altered; check --trusted-root.",
    });
  }
  const certificate = leafCertificate(serialized);
  if (!certificate) {
    throw new AttestError("VERIFY_CERTIFICATE", `${options.bundleFile} carries no certificate (key-based bundle)`, {
      location: { file: options.bundleFile },
      hint: "Only keyless (Fulcio) bundles can be checked against an identity policy.",
    });
  }
  const identity = certificateIdentity(certificate);
  checkIdentity(identity, options.identity);
  if (kind === "message-signature") return { kind, identity };
  const envelope = serialized.dsseEnvelope;
  if (envelope?.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    throw new AttestError("VERIFY_PREDICATE", `payload type ${JSON.stringify(envelope?.payloadType)} is not in-toto`, {
      location: { file: options.bundleFile },
      hint: "Pass an attestation bundle (in-toto statement) or a message-signature bundle.",
    });
  }
  const statement = checkProvenance(
    Buffer.from(envelope.payload, "base64"),
    { name: options.artifact.name, sha256: sha256Hex(options.artifact.data) },
    options.provenance ?? {},
    options.bundleFile,
  );
  return { kind, identity, statement };
}
