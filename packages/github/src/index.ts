export { getListInput } from "./action/inputs.js";
export { runAction } from "./action/run-action.js";
export type { GitHubClient, GitHubClientOptions, GitHubRequestOptions, GitHubResponse } from "./rest/client.js";
export { createGitHubClient } from "./rest/client.js";
export type { GitHubApiErrorCode, GitHubApiErrorContext } from "./rest/github-api-error.js";
export { GitHubApiError } from "./rest/github-api-error.js";
export type { BuildSarifOptions, SarifResultInput, SarifRuleInput } from "./sarif/build-sarif.js";
export { buildSarif } from "./sarif/build-sarif.js";
export type { SarifLevel, SarifLog, SarifResult, SarifRule, SarifRun } from "./sarif/sarif-log.js";
