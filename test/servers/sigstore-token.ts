/** A fake GitHub Actions OIDC token (unsigned JWT): the mock Fulcio only decodes it. */
export const TEST_REPOSITORY = "acme/widgets";
export const TEST_WORKFLOW_REF = `${TEST_REPOSITORY}/.github/workflows/release.yml@refs/tags/v1.2.3`;
export const TEST_SAN = `https://github.com/${TEST_WORKFLOW_REF}`;
export const TEST_ISSUER = "https://token.actions.githubusercontent.com";
export const TEST_SHA = "4f2c1e0d9b8a7f6e5d4c3b2a19081726354f6e7d";

/** Claims as GitHub puts them in an Actions token for audience `sigstore`, with overrides. */
export function githubClaims(overrides: Record<string, string | number> = {}): Record<string, string | number> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: TEST_ISSUER,
    aud: "sigstore",
    sub: `repo:${TEST_REPOSITORY}:ref:refs/tags/v1.2.3`,
    san: TEST_SAN,
    iat: now,
    exp: now + 300,
    repository: TEST_REPOSITORY,
    repository_id: "123456",
    repository_owner: "acme",
    repository_owner_id: "7890",
    repository_visibility: "public",
    ref: "refs/tags/v1.2.3",
    sha: TEST_SHA,
    event_name: "push",
    workflow: "release",
    workflow_ref: TEST_WORKFLOW_REF,
    workflow_sha: TEST_SHA,
    job_workflow_ref: TEST_WORKFLOW_REF,
    job_workflow_sha: TEST_SHA,
    runner_environment: "github-hosted",
    run_id: "1000001",
    run_attempt: "1",
    ...overrides,
  };
}

/** The claims as an unsigned JWT. */
export function fakeGitHubToken(overrides: Record<string, string | number> = {}): string {
  const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(githubClaims(overrides))}.`;
}
