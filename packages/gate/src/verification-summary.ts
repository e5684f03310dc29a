import { buildVerificationSummary, type PredicateInput, SLSA_VERIFICATION_SUMMARY_V1 } from "@tollgate/attest";
import { TollgateError } from "@tollgate/errors";
import { type GateRecord, verifyRecordDigest } from "./record.js";

/**
 * The level a passed gate vouches for. The VSA spec reserves `SLSA_` names for SLSA
 * tracks, which the gate does not verify, so Tollgate's own result gets its own name.
 */
export const GATE_PASSED_LEVEL = "TOLLGATE_RELEASE_GATE_PASSED";

export interface VerificationSummaryOptions {
  /** Who verified: the gate action and its ref, e.g. https://github.com/tollgate-dev/tollgate/actions/gate@v1. */
  verifierId: string;
  /** What was verified, e.g. git+https://github.com/acme/widgets@refs/tags/v1.2.3. */
  resourceUri: string;
  /** Where the policy can be read (e.g. a blob URL at the commit); its digest comes from the record. */
  policyUri: string;
  /** Where the record is published, e.g. the release asset name. */
  recordUri: string;
  /** sha256 of the record file's bytes. */
  recordSha256: string;
}

/**
 * The SLSA verification summary of a gate record, as a predicate to attest over the released
 * artifacts. Only an untampered record of a passed gate is attested: anything else is refused.
 */
export function verificationSummaryOf(record: GateRecord, options: VerificationSummaryOptions): PredicateInput {
  if (!verifyRecordDigest(record)) {
    throw new TollgateError("GATE_RECORD_TAMPERED", "the gate record's sha256 does not match its content", {
      location: { file: options.recordUri },
      hint: "attest the record exactly as the gate wrote it",
    });
  }
  if (record.verdict !== "pass") {
    throw new TollgateError("GATE_NOT_PASSED", `the gate record says ${record.verdict}: refusing to attest it`, {
      location: { file: options.recordUri },
      hint: "fix the failing gates and run the gate again; a failed release is never signed",
    });
  }
  return {
    name: "verification-summary",
    predicateType: SLSA_VERIFICATION_SUMMARY_V1,
    predicate: buildVerificationSummary({
      verifierId: options.verifierId,
      verifierVersion: { tollgate: record.tollgate.version },
      timeVerified: record.finishedAt,
      resourceUri: options.resourceUri,
      policy: {
        uri: options.policyUri,
        ...(record.policy.sha256 ? { digest: { sha256: record.policy.sha256 } } : {}),
      },
      inputAttestations: [{ uri: options.recordUri, digest: { sha256: options.recordSha256 } }],
      passed: true,
      verifiedLevels: [GATE_PASSED_LEVEL],
    }),
  };
}
