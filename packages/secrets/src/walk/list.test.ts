import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileTask, listFiles, walkFiles } from "./list.js";

let dir: string;
const FILES = ["dist/app.tgz", "dist/lib/deep/x.js", "dist/lib/y.js", "README.md", "z/1.txt"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tollgate-list-"));
  for (const name of FILES) {
    await mkdir(join(dir, name, ".."), { recursive: true });
    await writeFile(join(dir, name), "x\n");
  }
  await mkdir(join(dir, "many"));
  for (let i = 0; i < 600; i++) await writeFile(join(dir, "many", `f${i}.txt`), "");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("walkFiles", () => {
  it("lists a directory's files before those of its subdirectories (breadth first)", () => {
    const depths: number[] = [];
    walkFiles([dir], dir, (batch) => {
      for (const task of batch) depths.push(task.name.split("/").length);
    });
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect(depths.length).toBe(FILES.length + 600);
  });

  it("hands the files out in batches of at most 256 as they are listed, each file once, with its path", () => {
    const batches: FileTask[][] = [];
    expect(walkFiles([dir], dir, (batch) => batches.push(batch))).toEqual([]);
    expect(batches.map((b) => b.length).every((n) => n > 0 && n <= 256)).toBe(true);
    const all = batches.flat();
    expect(new Set(all.map((t) => t.name)).size).toBe(all.length);
    expect(all.find((t) => t.name === "dist/lib/deep/x.js")?.path).toBe(join(dir, "dist/lib/deep/x.js"));
  });

  it("names a file argument by its base name", () => {
    const batches: FileTask[][] = [];
    walkFiles(["dist/app.tgz"], dir, (batch) => batches.push(batch));
    expect(batches).toEqual([[{ path: join(dir, "dist/app.tgz"), name: "app.tgz" }]]);
  });
});

describe("listFiles", () => {
  it("lists every file under the paths, sorted by name", () => {
    const { tasks, unscanned } = listFiles(["."], dir);
    const names = tasks.map((t) => t.name);
    expect(names.filter((n) => !n.startsWith("many/"))).toEqual([...FILES].sort());
    expect(names).toEqual([...names].sort());
    expect(unscanned).toEqual([]);
  });

  it("fails naming a path that does not exist", () => {
    expect(() => listFiles(["missing"], dir)).toThrow(/cannot scan missing: no such file or directory/);
  });
});
