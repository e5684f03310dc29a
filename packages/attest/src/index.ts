export type { AttestationFile, PredicateInput } from "./attest-artifacts.js";
export { attestArtifacts } from "./attest-artifacts.js";
export type { AttestErrorCode } from "./attest-error.js";
export { AttestError, redactSecret } from "./attest-error.js";
export type { AttestReleaseOptions, AttestReleaseResult } from "./attest-release.js";
export { attestRelease } from "./attest-release.js";
export type { CertificateIdentity } from "./certificate-identity.js";
export { certificateIdentity, certificateIdentityFromPem, leafCertificate } from "./certificate-identity.js";
export type { ArtifactDigest } from "./digest.js";
export { assertUnchanged, digestArtifacts, formatSha256Sums, hashFile, sha256Hex } from "./digest.js";
export { expandArtifacts } from "./expand-artifacts.js";
export type { GitHubBuildContext } from "./github-context.js";
export { decodeJwtClaims, githubContextFromClaims } from "./github-context.js";
export type { IdentityPolicy } from "./identity-policy.js";
export { checkIdentity, validateIdentityPolicy } from "./identity-policy.js";
export type { InstanceChoice, SelectInstanceOptions, SigstoreInstance } from "./instance.js";
export { assertInstanceAllowed, GITHUB_INSTANCE, instanceUrls, PUBLIC_GOOD, selectInstance } from "./instance.js";
export { tokenFromEnvironment } from "./oidc-token.js";
export type { SlsaProvenancePredicate } from "./provenance.js";
export {
  buildSlsaProvenance,
  GITHUB_WORKFLOW_BUILD_TYPE,
  provenanceStatement,
  SLSA_PROVENANCE_V1,
} from "./provenance.js";
export { readBundleFile } from "./read-bundles.js";
export type { InstanceSettings } from "./resolve-instance.js";
export { resolveInstance } from "./resolve-instance.js";
export { CYCLONEDX_PREDICATE, parseSbom, sbomPredicateType } from "./sbom-predicate.js";
export type { SignArtifactsOptions, SignArtifactsResult } from "./sign-artifacts.js";
export { certificatePem, signArtifacts } from "./sign-artifacts.js";
export type { SigningOptions, SigningSession } from "./signing-session.js";
export { createSigningSession } from "./signing-session.js";
export type { ResourceDescriptor, Statement } from "./statement.js";
export {
  buildStatement,
  chunkSubjects,
  IN_TOTO_PAYLOAD_TYPE,
  IN_TOTO_STATEMENT_V1,
  MAX_SUBJECTS,
} from "./statement.js";
export type { TrustedVerifier } from "./trust.js";
export { verifierFromFile, verifierFromTrustedRoot, verifierFromTuf } from "./trust.js";
export type { VerificationSummaryInput, VerificationSummaryPredicate } from "./verification-summary.js";
export {
  buildVerificationSummary,
  SLSA_VERIFICATION_SUMMARY_V1,
  verificationSummaryStatement,
} from "./verification-summary.js";
export type { VerifyOptions, VerifyResult } from "./verify-bundle.js";
export { verifyArtifactBundle } from "./verify-bundle.js";
export type { ProvenancePolicy } from "./verify-provenance.js";
export { checkProvenance } from "./verify-provenance.js";
