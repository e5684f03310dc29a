import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type FakePrComments, startFakePrComments } from "./fake-pr-comments.js";
import { LOCKFILES } from "./helpers.js";

const ACTION = new URL("../../actions/review/dist/index.js", import.meta.url).pathname;
const ADVISORIES = new URL("../fixtures/advisories/", import.meta.url).pathname;
const run = promisify(execFile);

/** A checkout of a pull request: BookStack's older lockfile committed, the newer one in the work tree. */
function checkout() {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-review-action-"));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.org",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.org",
  };
  const git = (...args: string[]) => run("git", args, { cwd: dir, env });
  const put = (commit: string) => {
    copyFileSync(
      join(LOCKFILES, "npm", `BookStackApp__BookStack@${commit}__package-lock.json`),
      join(dir, "package-lock.json"),
    );
    copyFileSync(join(LOCKFILES, "npm", `BookStackApp__BookStack@${commit}__package.json`), join(dir, "package.json"));
  };
  return { dir, git, put };
}

let github: FakePrComments;
beforeEach(async () => {
  github = await startFakePrComments("acme", "widgets", 12);
});
afterEach(() => github.close());

async function runAction(): Promise<{ code: number; stdout: string; summary: string; outputs: string }> {
  const { dir, git, put } = checkout();
  await git("init", "-q", "-b", "main");
  put("b87e97f99e");
  writeFileSync(
    join(dir, "tollgate.yml"),
    "version: 1\nadvisories:\n  max-database-age: 99999d\nlicenses:\n  unknown: allow\n",
  );
  await git("add", ".");
  await git("commit", "-q", "-m", "base");
  put("c42b6aece9");
  writeFileSync(join(dir, "event.json"), JSON.stringify({ pull_request: { number: 12 } }));
  for (const f of ["summary.md", "outputs.txt"]) writeFileSync(join(dir, f), "");
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
    GITHUB_OUTPUT: join(dir, "outputs.txt"),
    GITHUB_EVENT_PATH: join(dir, "event.json"),
    GITHUB_REPOSITORY: "acme/widgets",
    GITHUB_API_URL: github.apiUrl,
    INPUT_BASE: "HEAD",
    INPUT_OFFLINE: "true",
    "INPUT_ADVISORY-DB": ADVISORIES,
    INPUT_COMMENT: "true",
    "INPUT_GITHUB-TOKEN": "ghs_loopback",
    npm_config_registry: "https://registry.example.org/",
  };
  const result = await run("node", [ACTION], { cwd: dir, env }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  return {
    ...result,
    summary: readFileSync(join(dir, "summary.md"), "utf8"),
    outputs: readFileSync(join(dir, "outputs.txt"), "utf8"),
  };
}

describe("the review action on a pull request", () => {
  it("posts one comment, updates it on the next push, and fails the check", async () => {
    const first = await runAction();
    const second = await runAction();
    expect([first.code, second.code]).toEqual([1, 1]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body.startsWith("<!-- tollgate:dependency-review -->\n### ❌")).toBe(true);
    expect(github.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    expect(second.stdout).toContain("::error title=advisory%3A ws@7.4.4,file=package-lock.json,line=1229::");
  });

  it("still writes the summary and fails the check when a fork's read-only token cannot comment", async () => {
    github.readOnly = true;
    const result = await runAction();
    expect(result.code).toBe(1);
    expect(github.comments).toEqual([]);
    expect(result.stdout).toContain("::warning::the review comment was not posted (GitHub answered 403");
    expect(result.summary).toContain("### ❌ Tollgate dependency review");
    expect(result.outputs).toMatch(/verdict<<\S+\nfail\n/);
  });
});
