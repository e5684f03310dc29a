import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../../test/servers/github-api.js";
import { loopbackHttpClient } from "../../../../test/servers/github-api-http.js";
import { createGitHubClient, type GitHubClient } from "../rest/client.js";
import { uploadAttestation } from "./upload-attestation.js";

let gh: FakeGitHub;
let client: GitHubClient;
const bundle = { mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json" };

beforeEach(async () => {
  gh = await startFakeGitHub();
  client = createGitHubClient({ http: loopbackHttpClient(), baseUrl: gh.apiUrl, token: "t" });
});
afterEach(async () => gh.close());

describe("uploadAttestation", () => {
  it("stores the bundle and returns GitHub's id", async () => {
    const repo = gh.addRepo("acme/widgets");
    expect(await uploadAttestation(client, { owner: "acme", repo: "widgets" }, bundle)).toEqual({
      status: "stored",
      id: 1,
    });
    expect(repo.attestations).toEqual([bundle]);
  });

  it("turns a 404 into a warning that says the bundles go to the release", async () => {
    gh.addRepo("acme/private", { attestationsEnabled: false });
    const result = await uploadAttestation(client, { owner: "acme", repo: "private" }, bundle);
    expect(result).toEqual({
      status: "unavailable",
      warning:
        "GitHub's attestations API is not available for acme/private (404); the bundles are attached to the release instead. It needs a public repository, or GitHub Enterprise Cloud for private and internal ones, and `permissions: attestations: write`.",
    });
  });

  it("retries 5xx answers, then stores the bundle once", async () => {
    const repo = gh.addRepo("acme/widgets");
    gh.failNext("/api/repos/acme/widgets/attestations", 503, 2);
    expect(await uploadAttestation(client, { owner: "acme", repo: "widgets" }, bundle)).toEqual({
      status: "stored",
      id: 1,
    });
    expect(repo.attestations).toHaveLength(1);
  });

  it("fails on 403 with the permission hint", async () => {
    gh.addRepo("acme/widgets");
    gh.failNext("/api/repos/acme/widgets/attestations", 403, 1);
    await expect(uploadAttestation(client, { owner: "acme", repo: "widgets" }, bundle)).rejects.toMatchObject({
      code: "GITHUB_API_STATUS",
      status: 403,
      hint: expect.stringContaining("`attestations: write`"),
    });
  });
});
