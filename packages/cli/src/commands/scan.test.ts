import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../__tests__/run-cli.js";

const TOKEN = "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";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-cli-scan-"));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

async function tollgate(dir: string, args: string[]) {
  // Tests run from TypeScript sources, where there is no compiled worker: scan in this thread.
  return runCli(["scan", "--workers", "0", ...args], dir);
}

describe("tollgate scan", () => {
  it("exits 0 and says so when there is no secret", async () => {
    const dir = project({ "dist/index.js": "export const answer = 42;\n" });
    const { code, stdout } = await tollgate(dir, ["dist"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 secret\(s\), 0 suppressed, 0 not scanned; 1 file\(s\)/);
  });

  it("exits 1 and prints the finding redacted, relative to the given directory", async () => {
    const dir = project({ "dist/config.js": `module.exports = { token: "${TOKEN}" };\n` });
    const { code, stdout } = await tollgate(dir, ["dist"]);
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe("config.js:1:28  critical  github-pat  ghp***3mB");
    expect(stdout).not.toContain(TOKEN);
  });

  it("names a single file argument by its base name", async () => {
    const dir = project({ "out/app.env": `GITHUB_TOKEN=${TOKEN}\n` });
    const { stdout } = await tollgate(dir, ["out/app.env", "--format", "json"]);
    expect(JSON.parse(stdout).findings.map((f: { file: string }) => f.file)).toEqual(["app.env"]);
  });

  it("exits 2 naming a path that does not exist", async () => {
    const dir = project({});
    const { code, stderr } = await tollgate(dir, ["missing-dir"]);
    expect(code).toBe(2);
    expect(stderr).toContain("cannot scan missing-dir: no such file or directory [SECRETS_PATH_NOT_FOUND]");
  });

  it("writes a baseline and then passes with the baseline, reporting the finding as suppressed", async () => {
    const dir = project({ "dist/a.env": `T=${TOKEN}\n` });
    expect((await tollgate(dir, ["dist", "--write-baseline", "baseline.json", "--output", "first.txt"])).code).toBe(1);
    expect(readFileSync(join(dir, "baseline.json"), "utf8")).not.toContain(TOKEN);
    const second = await tollgate(dir, ["dist", "--baseline", "baseline.json", "--format", "json"]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).suppressed.map((s: { suppressedBy: string }) => s.suppressedBy)).toEqual([
      "baseline",
    ]);
  });

  it("writes SARIF with paths relative to the working directory", async () => {
    const dir = project({ "dist/a.env": `T=${TOKEN}\n` });
    await tollgate(dir, ["dist", "--format", "sarif", "--output", "scan.sarif"]);
    const sarif = JSON.parse(readFileSync(join(dir, "scan.sarif"), "utf8"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("dist/a.env");
  });

  it("fails on unscanned content unless the policy allows it", async () => {
    const dir = project({
      "dist/big.txt": "x".repeat(5000),
      "strict.yml": "secrets:\n  limits:\n    max-file-bytes: 1000\n",
    });
    writeFileSync(join(dir, "lenient.yml"), "secrets:\n  unscanned: allow\n  limits:\n    max-file-bytes: 1000\n");
    expect((await tollgate(dir, ["dist", "--policy", "strict.yml"])).code).toBe(1);
    expect((await tollgate(dir, ["dist", "--policy", "lenient.yml"])).code).toBe(0);
  });

  it("exits 2 on an invalid policy section, naming the file and line", async () => {
    const dir = project({ "dist/a.txt": "hello\n", "bad.yml": "secrets:\n  allow:\n    - path: x\n" });
    const { code, stderr } = await tollgate(dir, ["dist", "--policy", "bad.yml"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.yml:3:\d+: invalid secrets\.allow\.0\.reason/);
  });
});
