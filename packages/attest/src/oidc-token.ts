import type { HttpClient } from "@tollgate/net";
import { AttestError } from "./attest-error.js";

/**
 * The OIDC token for audience `sigstore`: SIGSTORE_ID_TOKEN when set (any CI, cosign's convention), else
 * minted by the GitHub Actions runner (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, present only with
 * `permissions: id-token: write`), else undefined.
 */
export async function tokenFromEnvironment(env: NodeJS.ProcessEnv, http: HttpClient): Promise<string | undefined> {
  if (env.SIGSTORE_ID_TOKEN) return env.SIGSTORE_ID_TOKEN;
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !bearer) return undefined;
  const request = new URL(url);
  request.searchParams.set("audience", "sigstore");
  const response = await http.request({
    url: request,
    headers: { authorization: `Bearer ${bearer}`, accept: "application/json" },
  });
  const value = (response.json() as { value?: unknown }).value;
  if (typeof value !== "string" || value.length === 0) {
    throw new AttestError("ATTEST_OIDC_UNAVAILABLE", "the runner's OIDC endpoint answered without a token", {
      hint: "Add `permissions: id-token: write` to the job and rerun.",
    });
  }
  return value;
}
