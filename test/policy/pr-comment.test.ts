import { createGitHubClient, upsertComment } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakePrComments, startFakePrComments } from "./fake-pr-comments.js";

const MARKER = "<!-- tollgate:dependency-review -->";
let github: FakePrComments;

beforeEach(async () => {
  github = await startFakePrComments("acme", "widgets", 7, 30);
});
afterEach(() => github.close());

function post(body: string) {
  const http = createHttpClient({ allowOnly: ["127.0.0.1"], sleep: async () => {} });
  const client = createGitHubClient({ http, baseUrl: github.apiUrl, token: "ghs_test" });
  return upsertComment({ client, owner: "acme", repo: "widgets", number: 7, marker: MARKER, body });
}

describe("the review comment on a pull request", () => {
  it("is created on the first push, with the marker first", async () => {
    const outcome = await post("### ✅ no policy failures");
    expect(outcome).toMatchObject({ action: "created", id: 1000 });
    expect(github.comments.map((c) => c.body)).toEqual([`${MARKER}\n### ✅ no policy failures`]);
  });

  it("is updated in place on the next push, never duplicated", async () => {
    await post("first");
    const outcome = await post("second");
    expect(outcome).toMatchObject({ action: "updated", id: 1000 });
    expect(github.comments.map((c) => c.body)).toEqual([`${MARKER}\nsecond`]);
  });

  it("is left alone when nothing changed", async () => {
    await post("same");
    expect(await post("same")).toMatchObject({ action: "unchanged", id: 1000 });
    expect(github.requests.filter((r) => r.startsWith("PATCH"))).toEqual([]);
  });

  it("is found beyond the first page of comments", async () => {
    for (let i = 0; i < 75; i++) github.comments.push({ id: i + 1, body: `human comment ${i}`, html_url: "" });
    github.comments.push({ id: 500, body: `${MARKER}\nold`, html_url: "" });
    const outcome = await post("new");
    expect(outcome).toMatchObject({ action: "updated", id: 500 });
    expect(github.requests.filter((r) => r.startsWith("GET"))).toHaveLength(3);
    expect(github.comments).toHaveLength(76);
  });

  it("reports a read-only token (a fork's pull request) as forbidden instead of failing", async () => {
    github.readOnly = true;
    const outcome = await post("verdict");
    expect(outcome).toEqual({
      action: "forbidden",
      message:
        "GitHub answered 403 to POST /repos/acme/widgets/issues/7/comments: Resource not accessible by integration",
    });
    expect(github.comments).toEqual([]);
  });
});
