export type { PackageFacts } from "./checks/licenses.js";
export { effectiveLicense } from "./checks/licenses.js";
export { SEMVER_ECOSYSTEMS, versionMatches } from "./checks/match.js";
export type { DefaultRegistries } from "./checks/sources.js";
export { gitOrigin, PUBLIC_REGISTRIES } from "./checks/sources.js";
export type { PolicyErrorCode, PolicyIssue } from "./errors.js";
export { PolicyError } from "./errors.js";
export type { EvaluatePolicyOptions, PolicyReport } from "./evaluate.js";
export { evaluatePolicy } from "./evaluate.js";
export type { DenyTomlMapping } from "./file/deny-toml.js";
export { mapDenyToml } from "./file/deny-toml.js";
export type { LoadedPolicy, LoadPolicyOptions } from "./file/load.js";
export {
  defaultPolicy,
  findPolicyFile,
  loadPolicy,
  POLICY_FILE_NAMES,
  parsePolicy,
  validatePolicy,
} from "./file/load.js";
export type { Policy, PolicyFile } from "./file/schema.js";
export { policyFileSchema, policyJsonSchema } from "./file/schema.js";
export { durationMs, isIsoDate, isSpdxExpression } from "./file/validators.js";
export type { Finding, FindingKind, PolicyFinding } from "./findings.js";
export { compareFindings, findingJson } from "./findings.js";
export { GraphIndex } from "./graph/graph-index.js";
export type { GatherFactsOptions } from "./metadata/gather.js";
export { gatherFacts } from "./metadata/gather.js";
export { parseMetadata, pep503 } from "./metadata/local-facts.js";
export { npmRegistryUrl } from "./metadata/npm-config.js";
export type { RegistryFactsOptions } from "./metadata/registries.js";
export { FETCHERS, PUBLIC_METADATA_URLS, registryFacts } from "./metadata/registries.js";
export { withResolvedLicenses } from "./metadata/resolve-licenses.js";
export type { PolicySourceInfo } from "./report/render.js";
export { cell, renderJson, renderMarkdown, renderText, sarifInputs } from "./report/render.js";
export { advisoryHook, auditPolicyOf } from "./review/advisories.js";
export { inventoryAtRef, isInventoryInput } from "./review/base-from-git.js";
export type { ChangedPackage, GraphDiff } from "./review/diff.js";
export { attribution, diffGraphs } from "./review/diff.js";
export type { ReviewMarkdownOptions } from "./review/markdown.js";
export { COMMENT_LIMIT, REVIEW_MARKER, renderReviewJson, renderReviewMarkdown } from "./review/markdown.js";
export type { ReviewAdvisory, ReviewOptions, ReviewResult } from "./review/review.js";
export { reviewChange } from "./review/review.js";
export type { RunReviewOptions } from "./review/run-review.js";
export { runReview } from "./review/run-review.js";
export type { CheckGraphOptions } from "./run.js";
export { checkGraph } from "./run.js";
export type { LicenseRules, LicenseVerdict } from "./spdx/evaluate.js";
export { evaluateLicense, termSet } from "./spdx/evaluate.js";
