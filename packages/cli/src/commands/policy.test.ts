import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../__tests__/run-cli.js";

const LOCKFILES = new URL("../../../../test/fixtures/lockfiles/npm/", import.meta.url).pathname;
const ENV = { npm_config_registry: "https://registry.example.org/" };

function project(policy?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-cli-policy-"));
  copyFileSync(join(LOCKFILES, "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
  copyFileSync(join(LOCKFILES, "Kong__insomnia__package.json"), join(dir, "package.json"));
  if (policy !== undefined) writeFileSync(join(dir, "tollgate.yml"), policy);
  return dir;
}

async function tollgate(dir: string, args: string[]) {
  return runCli(["policy", ...args], dir, ENV);
}

const LENIENT =
  "version: 1\nmode: developer\nlicenses:\n  unknown: allow\nbans:\n  multiple-versions: allow\nsources:\n  git:\n    hosts: [github.com]\n";

describe("tollgate policy", () => {
  it("exits 0 when the policy passes", async () => {
    const { code, stdout } = await tollgate(project(LENIENT), ["--offline"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS: 1611 dependencies checked against policy tollgate.yml; 0 failing, 16 warnings\n$/m);
  });

  it("exits 1 with the shared JSON finding shape when a banned package is present", async () => {
    const policy = LENIENT.replace(
      "bans:\n  multiple-versions: allow\n",
      "bans:\n  multiple-versions: allow\n  deny:\n    - name: less\n      ecosystem: npm\n      reason: we ship CSS\n",
    );
    const { code, stdout } = await tollgate(project(policy), ["--offline", "--format", "json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.verdict).toBe("fail");
    expect(report.findings).toEqual([
      {
        kind: "ban",
        package: "less",
        version: "4.2.0",
        ecosystem: "npm",
        message: "less@4.2.0 is banned: we ship CSS",
        paths: [
          ["insomnia@10.1.1", "less@4.2.0"],
          ["insomnia@10.1.1", "vite@5.4.8", "less@4.2.0"],
        ],
        rule: "bans.deny",
      },
    ]);
  });

  it("writes SARIF with results at the lockfile lines", async () => {
    const dir = project("version: 1\nlicenses:\n  unknown: allow\nbans:\n  multiple-versions: allow\n");
    const { code } = await tollgate(dir, ["--offline", "--format", "sarif", "--output", "policy.sarif"]);
    expect(code).toBe(1);
    const sarif = JSON.parse(await readFile(join(dir, "policy.sarif"), "utf8"));
    expect(sarif.version).toBe("2.1.0");
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "policy/sources.git");
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "package-lock.json" },
      region: { startLine: expect.any(Number) },
    });
    expect(result.message.text).toMatch(/^grpc-reflection-js@0\.3\.0: /);
  });

  it("exits 2 naming the file, line and key of a bad policy before reading anything else", async () => {
    const { code, stderr } = await tollgate(project("version: 1\nlicences:\n  allow: [MIT]\n"), ["--offline"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "tollgate: tollgate.yml:2:1: licences: unknown key `licences`; did you mean `licenses`? [POLICY_INVALID]\n  hint: fix the policy file; schema/tollgate.schema.json describes every key\n",
    );
  });

  it("prints the policy JSON Schema", async () => {
    const { code, stdout } = await tollgate(project(), ["--schema"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });
});

describe("tollgate policy online", () => {
  it("looks missing licenses up in npm's configured registry (a loopback server here) and caches them", async () => {
    const { startRegistryServer } = await import("../../../../test/policy/registry-server.js");
    const server = await startRegistryServer({ "/date-now": { versions: { "0.1.4": { license: "MIT" } } } });
    try {
      const dir = project("version: 1\nlicenses:\n  unknown: deny\nbans:\n  multiple-versions: allow\n");
      const env = { npm_config_registry: `${server.url}/`, XDG_CACHE_HOME: join(dir, ".cache") };
      const first = await runCli(["policy", "--format", "json"], dir, env);
      expect(first.code).toBe(1);
      const report = JSON.parse(first.stdout);
      const unknown = report.findings
        .filter((f: { rule: string }) => f.rule === "licenses.unknown")
        .map((f: { package: string }) => f.package);
      expect(unknown).not.toContain("date-now");
      expect(unknown).toContain("console-browserify");
      expect(server.requests).toContain("/date-now");
      const asked = server.requests.length;
      await runCli(["policy", "--format", "json"], dir, env);
      expect(server.requests.length - asked).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe("tollgate policy options", () => {
  it("leaves development dependencies out with --omit dev", async () => {
    const { stdout } = await tollgate(project(LENIENT), ["--offline", "--omit", "dev"]);
    const checked = Number(/(\d+) dependencies checked/.exec(stdout)?.[1]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThan(1611);
  });

  it("exits 2 on a malformed --metadata-url", async () => {
    const { code, stderr } = await tollgate(project(LENIENT), ["--metadata-url", "crates.io"]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "tollgate: --metadata-url expects ecosystem=url, got crates.io [POLICY_USAGE]\n  hint: write e.g. --metadata-url crates.io=https://crates-mirror.example/\n",
    );
  });
});

describe("tollgate policy with a cargo-deny deny.toml", () => {
  it("applies it when there is no tollgate policy and warns about the keys it does not apply", async () => {
    const dir = project();
    copyFileSync(
      new URL("../../../../test/fixtures/policy/deny.toml", import.meta.url).pathname,
      join(dir, "deny.toml"),
    );
    const { code, stdout, stderr } = await tollgate(dir, ["--offline", "--format", "json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).policy.file).toBe("deny.toml");
    expect(stderr).toContain(
      "tollgate: warning: deny.toml: licenses.confidence-threshold is not applied by Tollgate\n",
    );
  });
});
