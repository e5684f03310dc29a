import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInventory } from "./read-inventory.js";

const LOCKFILE = new URL(
  "../../../test/fixtures/lockfiles/npm/BookStackApp__BookStack@c42b6aece9__package-lock.json",
  import.meta.url,
).pathname;

describe("readInventory", () => {
  it("fails closed on a directory without lockfiles, saying where it looked", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-inv-"));
    await writeFile(join(dir, "README.md"), "# nothing to see\n");
    await expect(readInventory(dir)).rejects.toMatchObject({
      code: "NO_LOCKFILE",
      message: `no lockfile found in ${dir}`,
      hint: expect.stringMatching(
        /^looked for package-lock\.json, npm-shrinkwrap\.json, yarn\.lock, .*, packages\.lock\.json in every directory except \.git, .*node_modules, .*pass --allow-empty/,
      ),
    });
  });

  it("accepts an empty tree only when asked to", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-inv-"));
    expect((await readInventory(dir, { allowEmpty: true })).components).toEqual([]);
  });

  it("names a file passed under a name no reader claims, instead of guessing its format", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-inv-"));
    const file = join(dir, "lock-copy.json");
    await copyFile(LOCKFILE, file);
    await expect(readInventory(file)).rejects.toMatchObject({
      code: "NO_LOCKFILE",
      message: `${file} is not a lockfile Tollgate reads: formats are told by file name`,
    });
  });

  it("reads one lockfile passed by path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-inv-"));
    await copyFile(LOCKFILE, join(dir, "package-lock.json"));
    const graph = await readInventory(join(dir, "package-lock.json"));
    expect(graph.lockfiles).toEqual([{ path: "package-lock.json", format: "npm-package-lock", ecosystem: "npm" }]);
  });
});
