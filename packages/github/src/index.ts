export { getListInput } from "./action/inputs.js";
export { runAction } from "./action/run-action.js";
export type { AttestationUpload } from "./attestations/upload-attestation.js";
export { uploadAttestation } from "./attestations/upload-attestation.js";
export type { IssueComment, PullRequestRef, UpsertCommentOptions, UpsertOutcome } from "./pull-request/comment.js";
export { findComment, upsertComment } from "./pull-request/comment.js";
export type { AssetFile, PublishResult } from "./releases/publish-assets.js";
export { publishReleaseAssets } from "./releases/publish-assets.js";
export type { Release, ReleaseAsset, RepoRef } from "./releases/releases.js";
export {
  deleteReleaseAsset,
  ensureRelease,
  getReleaseByTag,
  listReleaseAssets,
  uploadReleaseAsset,
} from "./releases/releases.js";
export type { GitHubClient, GitHubClientOptions, GitHubRequestOptions, GitHubResponse } from "./rest/client.js";
export { createGitHubClient } from "./rest/client.js";
export type { GitHubApiErrorCode, GitHubApiErrorContext } from "./rest/github-api-error.js";
export { GitHubApiError } from "./rest/github-api-error.js";
export type { BuildSarifOptions, SarifResultInput, SarifRuleInput } from "./sarif/build-sarif.js";
export { buildSarif } from "./sarif/build-sarif.js";
export type { SarifLevel, SarifLog, SarifResult, SarifRule, SarifRun } from "./sarif/sarif-log.js";
