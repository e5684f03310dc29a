import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, type FakeRepo, startFakeGitHub } from "../../../../test/servers/github-api.js";
import { loopbackHttpClient } from "../../../../test/servers/github-api-http.js";
import { createGitHubClient, type GitHubClient } from "../rest/client.js";
import { publishReleaseAssets } from "./publish-assets.js";

const ref = { owner: "acme", repo: "widgets" };
let gh: FakeGitHub;
let repo: FakeRepo;
let client: GitHubClient;
let dir: string;

beforeEach(async () => {
  gh = await startFakeGitHub();
  repo = gh.addRepo("acme/widgets");
  client = createGitHubClient({
    http: loopbackHttpClient(),
    baseUrl: gh.apiUrl,
    uploadsUrl: gh.uploadsUrl,
    token: "t",
  });
  dir = await mkdtemp(join(tmpdir(), "tollgate-release-"));
  await writeFile(join(dir, "widgets.tgz.sigstore.json"), '{"bundle":1}\n');
  await writeFile(join(dir, "provenance.intoto.jsonl"), '{"line":1}\n');
});
afterEach(async () => gh.close());

const files = () => [{ path: join(dir, "widgets.tgz.sigstore.json") }, { path: join(dir, "provenance.intoto.jsonl") }];

describe("publishReleaseAssets", () => {
  it("creates the release of the tag as a draft and uploads the files, sorted by name", async () => {
    const result = await publishReleaseAssets(client, ref, "v1.2.3", files());
    expect(result.createdRelease).toBe(true);
    expect(result.uploaded).toEqual(["provenance.intoto.jsonl", "widgets.tgz.sigstore.json"]);
    expect(repo.releases.map((r) => [r.tag_name, r.draft])).toEqual([["v1.2.3", true]]);
    const asset = repo.releases[0]?.assets.find((a) => a.name === "widgets.tgz.sigstore.json");
    expect(Buffer.from(asset?.data ?? []).toString()).toBe('{"bundle":1}\n');
    expect(asset?.content_type).toBe("application/json");
  });

  it("attaches to the existing draft of the tag instead of creating a second release", async () => {
    await publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }]);
    const result = await publishReleaseAssets(client, ref, "v1.2.3", [files()[1] ?? { path: "" }]);
    expect(result.createdRelease).toBe(false);
    expect(repo.releases).toHaveLength(1);
    expect(repo.releases[0]?.assets.map((a) => a.name)).toEqual([
      "widgets.tgz.sigstore.json",
      "provenance.intoto.jsonl",
    ]);
  });

  it("refuses to replace an existing asset without overwrite, uploading nothing", async () => {
    await publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }]);
    await expect(publishReleaseAssets(client, ref, "v1.2.3", files())).rejects.toMatchObject({
      code: "GITHUB_ASSET_EXISTS",
      message: "release v1.2.3 already has an asset named widgets.tgz.sigstore.json",
    });
    expect(repo.releases[0]?.assets.map((a) => a.name)).toEqual(["widgets.tgz.sigstore.json"]);
  });

  it("replaces an existing asset with overwrite", async () => {
    await publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }]);
    await writeFile(join(dir, "widgets.tgz.sigstore.json"), '{"bundle":2}\n');
    const result = await publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }], { overwrite: true });
    expect(result.replaced).toEqual(["widgets.tgz.sigstore.json"]);
    expect(Buffer.from(repo.releases[0]?.assets[0]?.data ?? []).toString()).toBe('{"bundle":2}\n');
  });

  it("refuses a file whose bytes changed since it was hashed, before uploading it", async () => {
    const path = join(dir, "widgets.tgz.sigstore.json");
    await expect(publishReleaseAssets(client, ref, "v1.2.3", [{ path, sha256: "0".repeat(64) }])).rejects.toMatchObject(
      {
        code: "GITHUB_ASSET_CHANGED",
        location: { file: path },
      },
    );
    expect(repo.releases[0]?.assets).toEqual([]);
  });

  it("retries reads answered 502 and 429 and still publishes", async () => {
    gh.failNext("/api/repos/acme/widgets/releases/tags", 502, 1);
    gh.failNext("/api/repos/acme/widgets/releases", 429, 1);
    const result = await publishReleaseAssets(client, ref, "v1.2.3", files());
    expect(result.uploaded).toHaveLength(2);
    expect(gh.requests.filter((r) => r.status === 502 || r.status === 429)).toHaveLength(2);
  });

  it("retries an upload answered 502 and uploads once", async () => {
    gh.failNext("/uploads/repos/acme/widgets/releases", 502, 1);
    const result = await publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }]);
    expect(result.uploaded).toEqual(["widgets.tgz.sigstore.json"]);
    expect(repo.releases[0]?.assets.map((a) => a.name)).toEqual(["widgets.tgz.sigstore.json"]);
  });

  it("gives up on uploads after three 503 answers, naming the status", async () => {
    gh.failNext("/uploads/repos/acme/widgets/releases", 503, 3);
    await expect(publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }])).rejects.toMatchObject({
      code: "GITHUB_API_STATUS",
      status: 503,
    });
  });

  it("deletes an asset stored by an upload whose answer was lost, then uploads it again", async () => {
    gh.failNext("/uploads/repos/acme/widgets/releases", 504, 1, { afterStoring: true });
    await publishReleaseAssets(client, ref, "v1.2.3", [files()[0] ?? { path: "" }]);
    expect(repo.releases[0]?.assets.map((a) => a.name)).toEqual(["widgets.tgz.sigstore.json"]);
    expect(gh.requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
  });
});
