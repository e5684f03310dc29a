import { Command, Help } from "commander";
import { describe, expect, it, vi } from "vitest";
import { commandLoaders, commandNamed } from "./commands/index.js";
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
    for (const { name } of commandLoaders) expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
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

  it("lists each command in --help with the term and description its module registers", async () => {
    for (const entry of commandLoaders) {
      const program = new Command("tollgate");
      (await entry.load()).register(program, { stdout() {}, stderr() {}, cwd: ".", env: {}, isTTY: false }, () => {});
      const registered = program.commands.find((c) => c.name() === entry.name);
      expect(registered && [new Help().subcommandTerm(registered), registered.description()]).toEqual([
        entry.term,
        entry.description,
      ]);
    }
  });

  it("prints a command's own options with help NAME", async () => {
    const result = await tollgate(["help", "sbom"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: tollgate sbom \[options\] \[path\]$/m);
    expect(result.stdout).toContain("--omit <scope...>");
  });

  it("loads no command's module for --help, and only the named one for a command", async () => {
    const loads = commandLoaders.map((entry) => vi.spyOn(entry, "load"));
    try {
      await tollgate(["--help"]);
      expect(loads.filter((load) => load.mock.calls.length > 0)).toHaveLength(0);
      await tollgate(["sbom", "--help"]);
      expect(commandLoaders.filter((_, i) => loads[i]?.mock.calls.length).map((e) => e.name)).toEqual(["sbom"]);
    } finally {
      for (const load of loads) load.mockRestore();
    }
  });

  it("tells which command argv runs, also after help, and none for options or unknown names", () => {
    expect(commandNamed(["--allow-empty", "sbom", "."])?.name).toBe("sbom");
    expect(commandNamed(["help", "scan"])?.name).toBe("scan");
    expect(commandNamed(["--help"])).toBeUndefined();
    expect(commandNamed(["sbomm"])).toBeUndefined();
  });

  it("gives V8 only flags it reads while running (no heap sizes) for the commands that set any", () => {
    const flagged = commandLoaders.filter((entry) => entry.v8Flags !== undefined);
    expect(flagged.map((entry) => entry.name)).toEqual(["sbom"]);
    for (const entry of flagged) expect(entry.v8Flags).not.toMatch(/space-size|heap/);
  });
});
