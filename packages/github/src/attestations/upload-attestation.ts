import type { RepoRef } from "../releases/releases.js";
import type { GitHubClient } from "../rest/client.js";

/** What became of one attestation: stored by GitHub, or the API is not available for this repository. */
export type AttestationUpload = { status: "stored"; id: number } | { status: "unavailable"; warning: string };

/**
 * Stores a Sigstore bundle with GitHub's attestations API. A 404 means the API is not available for the
 * repository (e.g. a private repository without the feature): that is a warning, not a failure.
 */
export async function uploadAttestation(
  client: GitHubClient,
  ref: RepoRef,
  bundle: unknown,
): Promise<AttestationUpload> {
  const path = `/repos/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.repo)}/attestations`;
  // Storing the same bundle twice is harmless, so 5xx/429 answers may be retried.
  const response = await client.request<{ id: number }>(
    "POST",
    path,
    { bundle },
    { acceptStatus: [404], idempotent: true },
  );
  if (response.status === 404) {
    return {
      status: "unavailable",
      warning: `GitHub's attestations API is not available for ${ref.owner}/${ref.repo} (404); the bundles are attached to the release instead. It needs a public repository, or GitHub Enterprise Cloud for private and internal ones, and \`permissions: attestations: write\`.`,
    };
  }
  return { status: "stored", id: response.data.id };
}
