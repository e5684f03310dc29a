import { TollgateError, type TollgateErrorOptions } from "@tollgate/errors";

/** Why a GitHub REST call failed. */
export type GitHubApiErrorCode =
  | "GITHUB_API_STATUS"
  | "GITHUB_API_UNREACHABLE"
  | "GITHUB_API_BAD_RESPONSE"
  | "GITHUB_API_PAGINATION"
  | "GITHUB_API_CONFIG"
  | "GITHUB_ASSET_EXISTS"
  | "GITHUB_ASSET_CHANGED";

/** Where a failed call went; never carries the token or request headers. */
export interface GitHubApiErrorContext {
  /** The HTTP status when GitHub answered, else undefined. */
  status?: number | undefined;
  method: string;
  /** The request path without the query string, e.g. `/repos/acme/widgets/releases/tags/v1`. */
  path: string;
}

/** A GitHub REST call that failed: bad status, unreachable host, malformed answer or bad configuration. */
export class GitHubApiError extends TollgateError<GitHubApiErrorCode> {
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;

  constructor(
    code: GitHubApiErrorCode,
    message: string,
    context: GitHubApiErrorContext,
    options: TollgateErrorOptions = {},
  ) {
    super(code, message, options);
    this.status = context.status;
    this.method = context.method;
    this.path = context.path;
  }
}

/** The hint for a status GitHub answered with: what the user should change. */
export function hintForStatus(status: number): string {
  if (status === 401) return "Check that the token is set and valid (GITHUB_TOKEN or the `token` input).";
  if (status === 403)
    return "Grant the workflow the permission this call needs under `permissions:` (e.g. `contents: write`, `attestations: write`), or wait if a rate limit was hit.";
  if (status === 404)
    return "Check the owner/repository name and that the token can see the repository (private repositories need a token with access).";
  if (status === 409 || status === 422)
    return "Read GitHub's message above: the request conflicts with existing state.";
  if (status === 429 || status >= 500) return "GitHub is unavailable or rate-limiting; retry the job later.";
  return "Read GitHub's message above and fix the request.";
}
