import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "./__tests__/run-cli.js";

// The `tollgate` bin is the ncc bundle that `npm run build` writes (scripts/bundle-cli.mjs).
// It must behave exactly as the sources do; a difference means the bundle is stale or broken.
const root = new URL("../../../", import.meta.url).pathname;
const BIN = join(root, "packages/cli/dist/bundle/index.js");
const NPM_FIXTURES = join(root, "test/fixtures/lockfiles/npm");

async function bundled(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build`);
  // Executed as a file, as npx does, so its shebang line applies.
  const result = await promisify(execFile)(BIN, args, {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  return { code: "code" in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr };
}

describe("the bundled tollgate bin", () => {
  it("prints the same --help as the sources", async () => {
    const fromBundle = await bundled(["--help"], root);
    expect(fromBundle).toEqual(await runCli(["--help"], root));
  });

  it("writes the same SBOM bytes as the sources for the insomnia lockfile", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-bundle-"));
    await copyFile(join(NPM_FIXTURES, "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
    await copyFile(join(NPM_FIXTURES, "Kong__insomnia__package.json"), join(dir, "package.json"));
    const env = { SOURCE_DATE_EPOCH: "1700000000" };
    const fromBundle = await bundled(["sbom", ".", "--output-dir", "bundle"], dir, env);
    const fromSources = await runCli(["sbom", ".", "--output-dir", "sources"], dir, env);
    expect([fromBundle.code, fromSources.code]).toEqual([0, 0]);
    for (const file of ["sbom.cdx.json", "sbom.spdx.json"]) {
      const [a, b] = await Promise.all([readFile(join(dir, "bundle", file)), readFile(join(dir, "sources", file))]);
      expect(a.equals(b), file).toBe(true);
    }
  });

  it("scans with worker threads and finds what the sources find in one thread", async () => {
    // The scan worker is a separate entry (a worker thread's file), which the bundle must carry whole.
    const dir = join(root, "test/fixtures/secrets/archives");
    const report = (stdout: string) => {
      const { stats, ...rest } = JSON.parse(stdout) as { stats: { seconds: number }; findings: unknown[] };
      return { ...rest, stats: { ...stats, seconds: 0 } };
    };
    const fromBundle = await bundled(["scan", dir, "--workers", "2", "--format", "json"], root);
    const fromSources = await runCli(["scan", dir, "--workers", "0", "--format", "json"], root);
    expect(fromBundle.stderr).not.toContain("SECRETS_WORKER_FAILED");
    expect([fromBundle.code, fromSources.code]).toEqual([1, 1]);
    expect(report(fromBundle.stdout)).toEqual(report(fromSources.stdout));
    expect(report(fromBundle.stdout).findings).toHaveLength(3);
  });

  it("loads every built-in module `tollgate sbom` uses before it changes V8's flags", async () => {
    // A hook around v8.setFlagsFromString notes where the flags changed in Node's module load list.
    const dir = await mkdtemp(join(tmpdir(), "tollgate-bundle-"));
    const hook = join(dir, "after-flags.mjs");
    const report = join(dir, "after-flags.json");
    await writeFile(
      hook,
      `import v8 from "node:v8";
import { syncBuiltinESMExports } from "node:module";
import { writeFileSync } from "node:fs";
let at = -1;
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { at = process.moduleLoadList.length; set(flags); };
syncBuiltinESMExports();
process.on("exit", () => writeFileSync(${JSON.stringify(report)}, JSON.stringify(
  at < 0 ? null : process.moduleLoadList.slice(at).filter((m) => m.startsWith("NativeModule")))));
`,
    );
    await copyFile(join(NPM_FIXTURES, "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
    const result = await promisify(execFile)(
      process.execPath,
      ["--import", hook, BIN, "sbom", ".", "--output-dir", "out"],
      {
        cwd: dir,
        env: { PATH: process.env.PATH },
      },
    );
    expect(result.stderr).toContain("sbom.spdx.json");
    expect(JSON.parse(await readFile(report, "utf8"))).toEqual([]);
  });

  it("validates with --validate without Node printing a deprecation warning", async () => {
    // ajv-formats-draft2019's index loads uri-js, which requires Node's deprecated punycode (DEP0040).
    const dir = await mkdtemp(join(tmpdir(), "tollgate-bundle-"));
    await copyFile(join(NPM_FIXTURES, "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
    await copyFile(join(NPM_FIXTURES, "Kong__insomnia__package.json"), join(dir, "package.json"));
    const result = await bundled(["sbom", ".", "--validate", "--output-dir", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.split("\n").filter((line) => !line.startsWith("tollgate: wrote "))).toEqual([""]);
  });

  it("exits 2 with a one-line message when the reader of --output - stops reading", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-bundle-"));
    await copyFile(join(NPM_FIXTURES, "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
    // As `tollgate sbom --output - | head -c 10`: the pipe closes after the first chunk of a 2 MB document.
    const child = spawn(BIN, ["sbom", ".", "--format", "cyclonedx-json", "--output", "-"], { cwd: dir });
    child.stdout.once("data", () => child.stdout.destroy());
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((done) => child.on("close", done));
    expect(code).toBe(2);
    expect(stderr).toBe("tollgate: standard output was closed before everything was written to it [EPIPE]\n");
  });

  it("exits 2 naming an unknown command, as the sources do", async () => {
    const fromBundle = await bundled(["sbomm"], root);
    expect(fromBundle).toEqual(await runCli(["sbomm"], root));
    expect(fromBundle.code).toBe(2);
  });
});
