import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../../test/servers/github-api.js";
import { loopbackHttpClient } from "../../../../test/servers/github-api-http.js";
import { createGitHubClient } from "./client.js";
import { GitHubApiError } from "./github-api-error.js";

const TOKEN = "ghs_secretTOKENvalue123";
let gh: FakeGitHub;

beforeEach(async () => {
  gh = await startFakeGitHub();
  gh.addRepo("acme/widgets");
});
afterEach(async () => gh.close());

function client(overrides: { token?: string; maxPages?: number } = {}) {
  return createGitHubClient({
    http: loopbackHttpClient(),
    baseUrl: gh.apiUrl,
    uploadsUrl: gh.uploadsUrl,
    token: TOKEN,
    ...overrides,
  });
}

describe("createGitHubClient", () => {
  it("sends JSON with the bearer token and returns the parsed answer", async () => {
    const response = await client().request<{ tag_name: string; draft: boolean }>(
      "POST",
      "/repos/acme/widgets/releases",
      {
        tag_name: "v1.2.3",
        draft: true,
      },
    );
    expect(response.status).toBe(201);
    expect(response.data).toMatchObject({ tag_name: "v1.2.3", draft: true });
    expect(gh.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("throws a GitHubApiError with status, method, path and GitHub's message, without the token", async () => {
    const error = await client()
      .request("GET", "/repos/acme/widgets/releases/tags/v9")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    const apiError = error as GitHubApiError;
    expect([apiError.code, apiError.status, apiError.method, apiError.path]).toEqual([
      "GITHUB_API_STATUS",
      404,
      "GET",
      "/api/repos/acme/widgets/releases/tags/v9",
    ]);
    expect(apiError.message).toBe("GitHub answered 404 to GET /api/repos/acme/widgets/releases/tags/v9: Not Found");
    expect(JSON.stringify({ ...apiError, message: apiError.message, hint: apiError.hint })).not.toContain(TOKEN);
  });

  it("returns an accepted error status to the caller instead of throwing", async () => {
    const response = await client().request("GET", "/repos/acme/widgets/releases/tags/v9", undefined, {
      acceptStatus: [404],
    });
    expect(response.status).toBe(404);
  });

  it("quotes GitHub's validation errors on 422", async () => {
    await client().request("POST", "/repos/acme/widgets/releases", { tag_name: "v1" });
    await expect(client().request("POST", "/repos/acme/widgets/releases", { tag_name: "v1" })).rejects.toThrow(
      'GitHub answered 422 to POST /api/repos/acme/widgets/releases: Validation Failed ([{"field":"tag_name","code":"already_exists"}])',
    );
  });

  it("follows Link rel=next until the last page", async () => {
    const c = client();
    const release = (await c.request<{ id: number }>("POST", "/repos/acme/widgets/releases", { tag_name: "v1" })).data;
    for (let i = 0; i < 5; i++) {
      await c.request("POST", `${gh.uploadsUrl}/repos/acme/widgets/releases/${release.id}/assets`, undefined, {
        query: { name: `a${i}.tgz` },
        raw: { data: new Uint8Array([i]), contentType: "application/gzip" },
      });
    }
    const names = (
      await c.paginate<{ name: string }>(`/repos/acme/widgets/releases/${release.id}/assets`, { perPage: 2 })
    ).map((a) => a.name);
    expect(names).toEqual(["a0.tgz", "a1.tgz", "a2.tgz", "a3.tgz", "a4.tgz"]);
    expect(gh.requests.filter((r) => r.method === "GET").length).toBe(3);
  });

  it("fails closed past maxPages", async () => {
    const c = client({ maxPages: 1 });
    const release = (await c.request<{ id: number }>("POST", "/repos/acme/widgets/releases", { tag_name: "v1" })).data;
    for (let i = 0; i < 3; i++) {
      await c.request("POST", `${gh.uploadsUrl}/repos/acme/widgets/releases/${release.id}/assets`, undefined, {
        query: { name: `a${i}` },
        raw: { data: new Uint8Array([i]), contentType: "application/octet-stream" },
      });
    }
    await expect(c.paginate(`/repos/acme/widgets/releases/${release.id}/assets`, { perPage: 2 })).rejects.toMatchObject(
      {
        code: "GITHUB_API_PAGINATION",
      },
    );
  });

  it("refuses to send the token to a host other than the API and uploads hosts", async () => {
    await expect(client().request("GET", "https://elsewhere.example/steal")).rejects.toMatchObject({
      code: "GITHUB_API_CONFIG",
    });
    expect(gh.requests).toEqual([]);
  });

  it("retries a GET answered 502 and then succeeds", async () => {
    gh.failNext("/api/repos/acme/widgets/releases/tags", 502, 2);
    const response = await client().request("GET", "/repos/acme/widgets/releases/tags/v1", undefined, {
      acceptStatus: [404],
    });
    expect(response.status).toBe(404);
    expect(gh.requests.map((r) => r.status)).toEqual([502, 502, 404]);
  });

  it("reports a 429 that outlasts the retries as a rate-limit GitHubApiError", async () => {
    gh.failNext("/api/repos/acme/widgets/releases/tags", 429, 10);
    await expect(client().request("GET", "/repos/acme/widgets/releases/tags/v1")).rejects.toMatchObject({
      code: "GITHUB_API_STATUS",
      status: 429,
      hint: "GitHub is unavailable or rate-limiting; retry the job later.",
    });
  });

  it("derives the uploads host of github.com and of GitHub Enterprise Server", () => {
    const http = loopbackHttpClient();
    expect(createGitHubClient({ http }).uploadsUrl).toBe("https://uploads.github.com");
    expect(createGitHubClient({ http, baseUrl: "https://ghe.example/api/v3" }).uploadsUrl).toBe(
      "https://ghe.example/api/uploads",
    );
  });

  it("rejects a baseUrl that is not http(s)", () => {
    expect(() => createGitHubClient({ http: loopbackHttpClient(), baseUrl: "ftp://x" })).toThrow(
      "baseUrl is not an http(s) URL: ftp://x",
    );
  });
});
