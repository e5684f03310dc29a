import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OsvServer, readRecords, startOsvServer } from "../../../../test/servers/osv-server.js";
import { runCli } from "../__tests__/run-cli.js";

const FIXTURES = new URL("../../../../test/fixtures/", import.meta.url).pathname;
const ADVISORIES = join(FIXTURES, "advisories");
// BookStack's lockfile records no licenses: the dependency policy then denies nothing.
const AGE = "version: 1\nadvisories:\n  max-database-age: 36500d\nlicenses:\n  unknown: allow\n";

function project(policy = AGE, lockfile = "BookStackApp__BookStack@c42b6aece9_"): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-cli-audit-"));
  copyFileSync(join(FIXTURES, `lockfiles/npm/${lockfile}_package-lock.json`), join(dir, "package-lock.json"));
  copyFileSync(join(FIXTURES, `lockfiles/npm/${lockfile}_package.json`), join(dir, "package.json"));
  writeFileSync(join(dir, "tollgate.yml"), policy);
  return dir;
}

/** The fixtures resolve from registry.example.org; npm's configured registry is the allowed source. */
async function tollgate(dir: string, args: string[]) {
  return runCli(args, dir, {
    XDG_CACHE_HOME: join(dir, ".cache"),
    npm_config_registry: "https://registry.example.org/",
  });
}

let server: OsvServer;
beforeAll(async () => {
  server = await startOsvServer(readRecords(ADVISORIES));
});
afterAll(() => server.close());

describe("tollgate audit --offline --db", () => {
  it("exits 1 and lists each vulnerable package with its path", async () => {
    const { code, stdout } = await tollgate(project(), ["audit", "--offline", "--db", ADVISORIES]);
    expect(code).toBe(1);
    expect(stdout).toContain("FAIL     GHSA-grv7-fg5c-xmjg  braces@3.0.2");
    expect(stdout).toContain("  path: chokidar-cli@2.1.0 > chokidar@3.4.2 > braces@3.0.2");
    expect(stdout).toContain("(high-assurance mode)");
  });

  it("writes JSON findings of the documented shape to --output", async () => {
    const dir = project();
    expect(
      (
        await tollgate(dir, [
          "audit",
          "--offline",
          "--db",
          ADVISORIES,
          "--format",
          "json",
          "--output",
          "out/audit.json",
        ])
      ).code,
    ).toBe(1);
    const json = JSON.parse(readFileSync(join(dir, "out/audit.json"), "utf8"));
    expect(json.findings).toHaveLength(9);
    expect(Object.keys(json.findings[0])).toEqual([
      "id",
      "aliases",
      "ecosystem",
      "package",
      "version",
      "severity",
      "score",
      "fixed",
      "paths",
      "ignored",
    ]);
  });

  it("points SARIF results at the lockfile line of the package entry", async () => {
    const { stdout } = await tollgate(project(), ["audit", "--offline", "--db", ADVISORIES, "--format", "sarif"]);
    const sarif = JSON.parse(stdout);
    const braces = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "GHSA-grv7-fg5c-xmjg");
    expect(braces.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "package-lock.json" },
      region: { startLine: 91 },
    });
    expect(sarif.version).toBe("2.1.0");
  });

  it("exits 0 in developer mode and says so", async () => {
    const { code, stdout } = await tollgate(project(`${AGE}mode: developer\n`), [
      "audit",
      "--offline",
      "--db",
      ADVISORIES,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("(developer mode)");
    expect(stdout).toContain("WARN");
  });

  it("exits 2 when --offline has no database", async () => {
    expect((await tollgate(project(), ["audit", "--offline"])).code).toBe(2);
  });

  it("exits 2 on a database older than max-database-age, saying how to update it", async () => {
    const dir = project("version: 1\n");
    const db = join(dir, "db");
    mkdirSync(db);
    copyFileSync(join(ADVISORIES, "ghsa/GHSA-grv7-fg5c-xmjg.json"), join(db, "GHSA-grv7-fg5c-xmjg.json"));
    writeFileSync(
      join(db, "tollgate-db.json"),
      JSON.stringify({ updatedAt: "2020-01-01T00:00:00Z", baseUrl: "x", ecosystems: [] }),
    );
    const { code, stderr } = await tollgate(dir, ["audit", "--offline", "--db", "db"]);
    expect(code).toBe(2);
    expect(stderr).toContain("[DATABASE_STALE]");
    expect(stderr).toContain("tollgate db update");
  });
});

// actions/toolkit has no advisory in the fixture database; its lockfile records axe-core@4.10.3 as MPL-2.0.
const DENY_MPL =
  "version: 1\nadvisories:\n  max-database-age: 36500d\nlicenses:\n  unknown: allow\n  deny: [MPL-2.0]\n" +
  "bans:\n  multiple-versions: allow\ndeprecated: allow\n";
const TOOLKIT = "actions__toolkit_";

describe("tollgate audit with the dependency policy", () => {
  it("exits 1 on a denied license when no advisory matches, printing the policy report after the advisories", async () => {
    const { code, stdout } = await tollgate(project(DENY_MPL, TOOLKIT), ["audit", "--offline", "--db", ADVISORIES]);
    expect(code).toBe(1);
    expect(stdout).toContain("0 finding(s): 0 failing, 0 warning(s), 0 ignored — PASSED\n\n");
    expect(stdout).toContain(
      "✖ license axe-core@4.10.3 (npm) [licenses.deny]\n    license MPL-2.0 is denied (MPL-2.0)\n" +
        "    via root@ > eslint-plugin-github@4.10.2 > eslint-plugin-jsx-a11y@6.10.2 > axe-core@4.10.3\n" +
        "    at package-lock.json:4314\n",
    );
    expect(stdout).toMatch(/\nFAIL: 983 dependencies checked against policy tollgate.yml; 1 failing, 0 warnings\n$/);
  });

  it("exits 0 on the same project with --no-policy, printing the advisory report only", async () => {
    const { code, stdout } = await tollgate(project(DENY_MPL, TOOLKIT), [
      "audit",
      "--offline",
      "--db",
      ADVISORIES,
      "--no-policy",
    ]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("license");
    expect(stdout).toMatch(/0 finding\(s\): 0 failing, 0 warning\(s\), 0 ignored — PASSED\n$/);
  });

  it("adds the policy JSON under a `policy` key and keeps the advisory keys", async () => {
    const dir = project(DENY_MPL, TOOLKIT);
    const { code, stdout } = await tollgate(dir, ["audit", "--offline", "--db", ADVISORIES, "--format", "json"]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout);
    expect(Object.keys(json)).toEqual([
      "mode",
      "passed",
      "source",
      "summary",
      "findings",
      "ignores",
      "problems",
      "policy",
    ]);
    expect(json.passed).toBe(true);
    const policy = await tollgate(dir, ["policy", "--offline", "--format", "json"]);
    expect(json.policy).toEqual(JSON.parse(policy.stdout));
    expect(json.policy.verdict).toBe("fail");
    expect(json.policy.findings.map((f: { rule: string; package: string }) => `${f.rule} ${f.package}`)).toEqual([
      "licenses.deny axe-core",
    ]);
  });

  it("writes one SARIF log with an advisory run and a policy run", async () => {
    const { stdout } = await tollgate(project(DENY_MPL, TOOLKIT), [
      "audit",
      "--offline",
      "--db",
      ADVISORIES,
      "--format",
      "sarif",
    ]);
    const sarif = JSON.parse(stdout);
    expect(sarif.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)).toEqual([
      "tollgate-audit",
      "tollgate-policy",
    ]);
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[1].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["policy/licenses.deny"]);
  });
});

describe("tollgate audit of an SBOM", () => {
  it("reads a CycloneDX file written by tollgate sbom and finds the same advisories", async () => {
    const dir = project();
    expect((await tollgate(dir, ["sbom", "--format", "cyclonedx-json", "--output", "bom.cdx.json"])).code).toBe(0);
    const { code, stdout } = await tollgate(dir, [
      "audit",
      "bom.cdx.json",
      "--offline",
      "--db",
      ADVISORIES,
      "--format",
      "json",
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings.map((f: { id: string; package: string }) => `${f.id} ${f.package}`)).toContain(
      "GHSA-grv7-fg5c-xmjg braces",
    );
  });
});

describe("tollgate audit against the OSV API", () => {
  it("queries the API given with --osv-url and fails on the same findings", async () => {
    const { code, stdout } = await tollgate(project(), [
      "audit",
      "--osv-url",
      server.url,
      "--no-policy",
      "--format",
      "json",
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings.map((f: { id: string }) => f.id)).toContain("GHSA-grv7-fg5c-xmjg");
  });

  it("exits 2 with a hint to run offline when the API cannot be reached", async () => {
    const { code, stderr } = await tollgate(project(), ["audit", "--osv-url", "http://127.0.0.1:9"]);
    expect(code).toBe(2);
    expect(stderr).toContain("SOURCE_UNREACHABLE");
    expect(stderr).toContain("--offline --db");
  });
});

describe("tollgate db update", () => {
  it("downloads the archives, and audit --offline uses them", async () => {
    const dir = project();
    const update = await tollgate(dir, [
      "db",
      "update",
      "--ecosystems",
      "npm",
      "--dir",
      "db",
      "--base-url",
      server.url,
    ]);
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^npm: \d+ advisories/);
    expect((await tollgate(dir, ["audit", "--offline", "--db", "db", "--format", "json"])).code).toBe(1);
  });

  it("refuses an ecosystem it cannot order", async () => {
    expect(
      (await tollgate(project(), ["db", "update", "--ecosystems", "Bitnami", "--base-url", server.url])).code,
    ).toBe(2);
  });
});
