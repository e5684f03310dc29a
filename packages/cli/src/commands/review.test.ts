import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../__tests__/run-cli.js";
import { run } from "../program.js";

const NPM = new URL("../../../../test/fixtures/lockfiles/npm/", import.meta.url).pathname;
const ADVISORIES = new URL("../../../../test/fixtures/advisories/", import.meta.url).pathname;
const POLICY =
  "version: 1\nadvisories:\n  max-database-age: 99999d\nlicenses:\n  unknown: allow\nbans:\n  multiple-versions: allow\n";

/** A git repository whose HEAD holds BookStack's older lockfile and whose work tree holds the newer one. */
function bookstack(policy = POLICY): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-cli-review-"));
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "t",
    GIT_AUTHOR_EMAIL: "t@example.org",
    GIT_COMMITTER_NAME: "t",
    GIT_COMMITTER_EMAIL: "t@example.org",
  };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env });
  const put = (commit: string) => {
    copyFileSync(join(NPM, `BookStackApp__BookStack@${commit}__package-lock.json`), join(dir, "package-lock.json"));
    copyFileSync(join(NPM, `BookStackApp__BookStack@${commit}__package.json`), join(dir, "package.json"));
  };
  git("init", "-q", "-b", "main");
  put("b87e97f99e");
  writeFileSync(join(dir, "tollgate.yml"), policy);
  git("add", ".");
  git("commit", "-q", "-m", "base");
  put("c42b6aece9");
  return dir;
}

async function tollgate(dir: string, args: string[]) {
  return runCli(["review", ...args], dir, { npm_config_registry: "https://registry.example.org/" });
}

describe("tollgate review", () => {
  it("fails when the change introduces known vulnerabilities, listing only those", async () => {
    const { code, stdout } = await tollgate(bookstack(), [
      "--base",
      "HEAD",
      "--offline",
      "--advisory-db",
      ADVISORIES,
      "--format",
      "json",
    ]);
    expect(code).toBe(1);
    const review = JSON.parse(stdout);
    expect(review.verdict).toBe("fail");
    expect(review.advisories.length).toBeGreaterThan(0);
    const touched = new Set(
      [...review.added, ...review.changed].map(
        (p: { package: string; version: string }) => `${p.package}@${p.version}`,
      ),
    );
    for (const a of review.advisories) expect(touched.has(`${a.package}@${a.version}`)).toBe(true);
  });

  it("writes the Markdown comment with the hidden marker and the verdict first", async () => {
    const { stdout } = await tollgate(bookstack(), [
      "--base",
      "HEAD",
      "--offline",
      "--advisory-db",
      ADVISORIES,
      "--format",
      "markdown",
    ]);
    expect(stdout.split("\n").slice(0, 2)).toEqual([
      "<!-- tollgate:dependency-review -->",
      expect.stringMatching(/^### ❌ Tollgate dependency review: this change introduces \d+ policy failures?$/),
    ]);
  });

  it("passes a change that introduces nothing the policy forbids", async () => {
    const { code, stdout } = await tollgate(bookstack(), ["--base", "HEAD", "--offline"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS: \d+ added, \d+ changed, \d+ removed\n/);
  });

  it("exits 2 when the base ref does not exist", async () => {
    const { code, stderr } = await tollgate(bookstack(), ["--base", "no-such-branch", "--offline"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/\[POLICY_REVIEW\]\n {2}hint: fetch the base ref first/);
  });
});

describe("tollgate review --base-sbom", () => {
  it("compares with an SBOM of the base instead of a git ref", async () => {
    const base = mkdtempSync(join(tmpdir(), "tollgate-cli-review-base-"));
    copyFileSync(join(NPM, "BookStackApp__BookStack@b87e97f99e__package-lock.json"), join(base, "package-lock.json"));
    copyFileSync(join(NPM, "BookStackApp__BookStack@b87e97f99e__package.json"), join(base, "package.json"));
    const sbom = await run(["sbom", base, "--format", "cyclonedx-json", "--output", join(base, "base.cdx.json")], {
      stdout: () => {},
      stderr: () => {},
      cwd: base,
      env: { SOURCE_DATE_EPOCH: "0" },
      isTTY: false,
    });
    expect(sbom).toBe(0);
    const dir = bookstack();
    const fromSbom = await tollgate(dir, ["--base-sbom", join(base, "base.cdx.json"), "--offline", "--format", "json"]);
    const fromGit = await tollgate(dir, ["--base", "HEAD", "--offline", "--format", "json"]);
    const counts = (text: string) => {
      const r = JSON.parse(text);
      return [r.added.length, r.changed.length, r.removed.length];
    };
    expect(counts(fromSbom.stdout)).toEqual(counts(fromGit.stdout));
  });
});

describe("tollgate review online", () => {
  it("looks up the licenses of the added and changed packages only", async () => {
    const { startRegistryServer } = await import("../../../../test/policy/registry-server.js");
    const server = await startRegistryServer({ "/ws": { versions: { "7.4.4": { license: "MIT" } } } });
    try {
      const dir = bookstack("version: 1\nadvisories:\n  max-database-age: 99999d\nbans:\n  multiple-versions: allow\n");
      const env = { npm_config_registry: `${server.url}/`, XDG_CACHE_HOME: join(dir, ".cache") };
      const { stdout } = await runCli(
        ["review", "--base", "HEAD", "--advisory-db", ADVISORIES, "--format", "json"],
        dir,
        env,
      );
      const review = JSON.parse(stdout);
      const unknown = review.findings
        .filter((f: { rule: string }) => f.rule === "licenses.unknown")
        .map((f: { package: string }) => f.package);
      expect(unknown).not.toContain("ws");
      expect(unknown).toContain("markdown-it");
      const touched = review.added.length + review.changed.length;
      expect(server.requests).toContain("/ws");
      expect(server.requests.length).toBeLessThanOrEqual(touched);
    } finally {
      await server.close();
    }
  });
});
