import { describe, expect, it } from "vitest";
import { commandLoaders } from "./commands/index.js";
import type { CliIO } from "./io.js";
import { run } from "./program.js";
import { version } from "./version.js";

async function tollgate(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: process.cwd(),
    env: {},
    isTTY: false,
  };
  return { code: await run(args, io), stdout, stderr };
}

describe("tollgate (every command)", () => {
  it("lists every command in --help and exits 0", async () => {
    const result = await tollgate(["--help"]);
    expect(result.code).toBe(0);
    for (const [name] of commandLoaders) expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("prints its version with --version and exits 0", async () => {
    const result = await tollgate(["--version"]);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("exits 2 on an unknown command, naming it", async () => {
    const result = await tollgate(["sbomm"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'sbomm'");
  });

  it("exits 2 on an unknown option of a command", async () => {
    const result = await tollgate(["sbom", "--colour"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--colour'");
  });
});
