import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CliIO } from "../io.js";
import { run } from "../program.js";

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
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: dir,
    env: ENV,
    isTTY: false,
  };
  const code = await run(["policy", ...args], io);
  return { code, stdout, stderr };
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
