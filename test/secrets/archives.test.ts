import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error: the corpus generator is plain JavaScript without types
import { gzip, makeTar, makeZip } from "../fixtures/secrets/corpus/generate.mjs";
import { fixtures, removeTree, scanDir, TOKEN, tree, where } from "./helpers.js";

type Entry = { name: string; data: string | Buffer };
const zip = (entries: Entry[]): Buffer => makeZip(entries);
const tar = (entries: Entry[]): Buffer => makeTar(entries);
const gz = (data: Buffer): Buffer => gzip(data);
const secretFile = `# config\nGITHUB_TOKEN=${TOKEN}\n`;

let dirs: string[] = [];
async function scanFiles(files: Record<string, string | Buffer>, secrets?: unknown) {
  const dir = await tree(files);
  dirs.push(dir);
  return scanDir(dir, secrets);
}
afterEach(async () => {
  await Promise.all(dirs.map(removeTree));
  dirs = [];
});

describe("archives", () => {
  it("names members of nested archives with ! and reports the line inside the innermost file", async () => {
    const inner = zip([{ name: "config/app.env", data: secretFile }]);
    const outer = gz(tar([{ name: "bundle/plugins/inner.zip", data: inner }]));
    const result = await scanFiles({ "release.tar.gz": outer });
    expect(where(result)).toEqual(["release.tar.gz!bundle/plugins/inner.zip!config/app.env:2 github-pat"]);
    expect(result.stats.archives).toBe(2);
  });

  it("names the content of a bare .gz file after the file without .gz", async () => {
    const result = await scanFiles({ "logs/app.log.gz": gz(Buffer.from(secretFile)) });
    expect(where(result)).toEqual(["logs/app.log.gz!app.log:2 github-pat"]);
  });

  it("reads bzip2 and xz streams and tar.xz archives", async () => {
    const result = await scanFiles({
      "a/notes.txt.bz2": await readFile(join(fixtures, "archives/notes.txt.bz2")),
      "b/notes.txt.xz": await readFile(join(fixtures, "archives/notes.txt.xz")),
      "c/bundle.tar.xz": await readFile(join(fixtures, "archives/bundle.tar.xz")),
    });
    expect(where(result)).toEqual([
      "a/notes.txt.bz2!notes.txt:2 github-pat",
      "b/notes.txt.xz!notes.txt:2 github-pat",
      "c/bundle.tar.xz!bundle/notes.txt:2 github-pat",
    ]);
  });

  it("recognises archives by content, not by name (a container layer blob without extension)", async () => {
    const layer = gz(tar([{ name: "app/.env", data: secretFile }]));
    const image = tar([
      { name: "manifest.json", data: "[]" },
      { name: "blobs/sha256/4f9a1c", data: layer },
    ]);
    const result = await scanFiles({ "image.tar": image });
    expect(where(result)).toEqual(["image.tar!blobs/sha256/4f9a1c!app/.env:2 github-pat"]);
  });

  it("reports an archive nested deeper than max-depth as unscanned", async () => {
    let data: Buffer = zip([{ name: "deep.env", data: secretFile }]);
    for (let i = 0; i < 3; i++) data = zip([{ name: `level${i}.zip`, data }]);
    const result = await scanFiles({ "outer.zip": data }, { limits: { "max-depth": 3 } });
    expect(result.findings).toEqual([]);
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([
      ["outer.zip!level2.zip!level1.zip!level0.zip", "max-depth"],
    ]);
  });

  it("refuses a zip member whose compression ratio exceeds max-ratio (zip bomb)", async () => {
    const bomb = zip([{ name: "zeros.txt", data: Buffer.alloc(20 * 1024 * 1024) }]);
    const result = await scanFiles({ "bomb.zip": bomb }, { limits: { "max-ratio": 100 } });
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["bomb.zip!zeros.txt", "max-ratio"]]);
  });

  it("stops a gzip stream that expands beyond max-ratio", async () => {
    const result = await scanFiles(
      { "zeros.gz": gz(Buffer.alloc(20 * 1024 * 1024)) },
      { limits: { "max-ratio": 100 } },
    );
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["zeros.gz", "max-ratio"]]);
  });

  it("reports members beyond max-members", async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: "hello" }));
    const result = await scanFiles({ "many.tar": tar(entries) }, { limits: { "max-members": 3 } });
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["many.tar", "max-members"]]);
    expect(result.stats.files).toBe(3);
  });

  it("scans the head of a file larger than max-file-bytes and reports the rest as unscanned", async () => {
    const result = await scanFiles(
      { "big.txt": `${secretFile}${"x".repeat(5000)}` },
      { limits: { "max-file-bytes": 1000 } },
    );
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["big.txt", "max-file-bytes"]]);
  });

  it("reports scanning past max-total-bytes", async () => {
    const result = await scanFiles(
      { "a.txt": "a".repeat(3000), "b.txt": "b".repeat(3000) },
      { limits: { "max-total-bytes": 4000 } },
    );
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["b.txt", "max-total-bytes"]]);
  });

  it("reports a truncated gzip stream as corrupt, naming the file", async () => {
    const whole = gz(Buffer.from(secretFile.repeat(50)));
    const result = await scanFiles({ "cut.gz": whole.subarray(0, whole.length - 20) });
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["cut.gz", "corrupt"]]);
  });

  it("reports a broken zip as corrupt", async () => {
    const result = await scanFiles({
      "broken.zip": Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(100, 7)]),
    });
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["broken.zip", "corrupt"]]);
  });

  it("reports tar members named with .. or an absolute path, and scans them in memory", async () => {
    const result = await scanFiles({ "evil.tar": tar([{ name: "../../etc/cron.d/x", data: secretFile }]) });
    expect(result.unscanned.map((u) => [u.file, u.reason])).toEqual([["evil.tar!../../etc/cron.d/x", "unsafe-path"]]);
    expect(where(result)).toEqual(["evil.tar!../../etc/cron.d/x:2 github-pat"]);
  });

  it("lets the policy accept unscanned content only explicitly", async () => {
    const result = await scanFiles(
      { "bomb.zip": zip([{ name: "z", data: Buffer.alloc(5 * 1024 * 1024) }]) },
      { limits: { "max-ratio": 10 }, unscanned: "allow" },
    );
    expect(result.unscanned).toHaveLength(1);
  });
});
