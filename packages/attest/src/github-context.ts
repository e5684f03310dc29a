import { AttestError } from "./attest-error.js";

/** What a GitHub Actions run says about itself, taken from its OIDC token claims (the same ones Fulcio certifies). */
export interface GitHubBuildContext {
  /** e.g. https://github.com (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** owner/name. */
  repository: string;
  repositoryId: string;
  repositoryOwnerId: string;
  repositoryVisibility: string;
  /** e.g. refs/tags/v1.2.3. */
  ref: string;
  /** The source commit. */
  sha: string;
  eventName: string;
  /** owner/name/.github/workflows/release.yml@refs/tags/v1.2.3 (the triggering workflow). */
  workflowRef: string;
  /** The workflow file that ran the job (differs from workflowRef in reusable workflows). */
  jobWorkflowRef: string;
  runnerEnvironment: string;
  runId: string;
  runAttempt: string;
}

const CLAIMS: readonly [keyof GitHubBuildContext, string][] = [
  ["repository", "repository"],
  ["repositoryId", "repository_id"],
  ["repositoryOwnerId", "repository_owner_id"],
  ["repositoryVisibility", "repository_visibility"],
  ["ref", "ref"],
  ["sha", "sha"],
  ["eventName", "event_name"],
  ["workflowRef", "workflow_ref"],
  ["jobWorkflowRef", "job_workflow_ref"],
  ["runnerEnvironment", "runner_environment"],
  ["runId", "run_id"],
  ["runAttempt", "run_attempt"],
];

/** Reads the payload of a JWT without checking its signature (Fulcio checks it; we only mirror its claims). */
export function decodeJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1];
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8"));
    if (claims && typeof claims === "object" && !Array.isArray(claims)) return claims as Record<string, unknown>;
  } catch {
    // fall through to the typed error
  }
  throw new AttestError("ATTEST_BAD_CONTEXT", "the OIDC token is not a JWT with a JSON payload", {
    hint: "Pass the token from core.getIDToken('sigstore') unchanged.",
  });
}

/** Builds the context from GitHub's OIDC claims; a missing claim is an error naming it. */
export function githubContextFromClaims(
  claims: Record<string, unknown>,
  serverUrl = "https://github.com",
): GitHubBuildContext {
  const context: Partial<GitHubBuildContext> = { serverUrl: serverUrl.replace(/\/$/, "") };
  for (const [field, claim] of CLAIMS) {
    const value = claims[claim];
    if (typeof value !== "string" || value.length === 0) {
      throw new AttestError("ATTEST_BAD_CONTEXT", `the OIDC token has no "${claim}" claim`, {
        hint: "Run inside GitHub Actions with `permissions: id-token: write`; other OIDC issuers carry no GitHub build claims.",
      });
    }
    context[field] = value;
  }
  return context as GitHubBuildContext;
}
