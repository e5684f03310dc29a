import type { ArtifactDigest } from "./digest.js";
import { buildStatement, type Statement } from "./statement.js";

export const SLSA_VERIFICATION_SUMMARY_V1 = "https://slsa.dev/verification_summary/v1";

/** What a gate decided about some artifacts, as input to the VSA predicate. */
export interface VerificationSummaryInput {
  /** Who verified, e.g. https://github.com/acme/tollgate/actions/gate@v1. */
  verifierId: string;
  verifierVersion?: Record<string, string>;
  /** RFC 3339; pass the clock (SOURCE_DATE_EPOCH when set) for determinism. */
  timeVerified: string;
  /** The artifact or release the verification is about. */
  resourceUri: string;
  policy: { uri: string; digest?: Record<string, string> };
  inputAttestations?: { uri: string; digest: Record<string, string> }[];
  passed: boolean;
  /** e.g. ["SLSA_BUILD_LEVEL_2"]; sorted in the output. */
  verifiedLevels: string[];
  dependencyLevels?: Record<string, number>;
}

/** The SLSA Verification Summary v1 predicate. */
export interface VerificationSummaryPredicate {
  verifier: { id: string; version?: Record<string, string> };
  timeVerified: string;
  resourceUri: string;
  policy: { uri: string; digest?: Record<string, string> };
  inputAttestations: { uri: string; digest: Record<string, string> }[];
  verificationResult: "PASSED" | "FAILED";
  verifiedLevels: string[];
  dependencyLevels?: Record<string, number>;
  slsaVersion: "1.0";
}

/** Builds a SLSA verification summary (VSA v1) predicate from a gate decision. */
export function buildVerificationSummary(input: VerificationSummaryInput): VerificationSummaryPredicate {
  const inputs = [...(input.inputAttestations ?? [])].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  return {
    verifier: input.verifierVersion
      ? { id: input.verifierId, version: input.verifierVersion }
      : { id: input.verifierId },
    timeVerified: input.timeVerified,
    resourceUri: input.resourceUri,
    policy: input.policy,
    inputAttestations: inputs,
    verificationResult: input.passed ? "PASSED" : "FAILED",
    verifiedLevels: [...input.verifiedLevels].sort(),
    ...(input.dependencyLevels ? { dependencyLevels: input.dependencyLevels } : {}),
    slsaVersion: "1.0",
  };
}

/** A VSA Statement over the verified artifacts. */
export function verificationSummaryStatement(
  subjects: readonly ArtifactDigest[],
  input: VerificationSummaryInput,
): Statement<VerificationSummaryPredicate> {
  return buildStatement(subjects, SLSA_VERIFICATION_SUMMARY_V1, buildVerificationSummary(input));
}
