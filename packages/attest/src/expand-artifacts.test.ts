import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expandArtifacts } from "./expand-artifacts.js";

describe("expandArtifacts", () => {
  it("expands globs to sorted files, skipping directories and duplicates", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-glob-"));
    await mkdir(join(dir, "dist", "sub.tgz"), { recursive: true });
    await writeFile(join(dir, "dist", "b.tgz"), "b");
    await writeFile(join(dir, "dist", "a.tgz"), "a");
    await writeFile(join(dir, "dist", "notes.txt"), "n");
    expect(await expandArtifacts(["dist/*.tgz", "dist/a.tgz"], dir)).toEqual([
      join(dir, "dist", "a.tgz"),
      join(dir, "dist", "b.tgz"),
    ]);
  });

  it("fails when nothing matches, quoting the patterns", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-glob-"));
    await expect(expandArtifacts(["dist/*.tgz"], dir)).rejects.toThrow('no file matches "dist/*.tgz"');
  });
});
