import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeTree, scanDir, TOKEN, tree, where } from "./helpers.js";

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map(removeTree));
  dirs = [];
});

describe("directory walking", () => {
  it("reports a symlink that points outside the scanned directory, and does not follow it", async () => {
    const outside = await tree({ "secret.env": `T=${TOKEN}\n` });
    const dir = await tree({ "dist/index.js": "export {};\n" });
    dirs.push(outside, dir);
    await symlink(join(outside, "secret.env"), join(dir, "dist/leak.env"));
    const result = await scanDir(dir);
    expect(result.findings).toEqual([]);
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["dist/leak.env", "symlink"]]);
  });

  it("covers a symlink inside the directory through its target, once", async () => {
    const dir = await tree({ "real/app.env": `T=${TOKEN}\n` });
    dirs.push(dir);
    await symlink(join(dir, "real"), join(dir, "alias"));
    const result = await scanDir(dir);
    expect(where(result)).toEqual(["real/app.env:1 github-pat"]);
    expect(result.unscanned).toEqual([]);
  });

  it("reports a dangling symlink", async () => {
    const dir = await tree({ "a.txt": "hello\n" });
    dirs.push(dir);
    await symlink(join(dir, "gone.txt"), join(dir, "link.txt"));
    const result = await scanDir(dir);
    expect(result.unscanned.map((u) => [u.file, u.reason, u.detail])).toEqual([
      ["link.txt", "symlink", "dangling symlink"],
    ]);
  });

  it("reads a file larger than 4 MB in chunks and finds a token in each, one across the 4 MB mark", async () => {
    const line = "export const path = require('node:path');\n";
    const mib4 = 4 * 1024 * 1024;
    // A token on line 10, one that starts 20 bytes before the 4 MiB mark, and one on the last line.
    const before = `${line.repeat(9)}key: ${TOKEN}\n${line.repeat(90_000)}`;
    const text = `${before}${"y".repeat(mib4 - 21 - before.length)} ${TOKEN}\n${line.repeat(120_000)}t=${TOKEN}\n`;
    expect(text.indexOf(TOKEN, before.length)).toBe(mib4 - 20);
    const dir = await tree({ "dist/big.js": text });
    dirs.push(dir);
    const result = await scanDir(dir);
    expect(where(result)).toEqual([
      "dist/big.js:10 github-pat",
      "dist/big.js:90011 github-pat",
      "dist/big.js:210012 github-pat",
    ]);
    expect(result.stats.bytes).toBe(text.length);
  });
});
