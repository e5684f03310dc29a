import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertUnchanged, digestArtifacts, formatSha256Sums } from "./digest.js";

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-digest-"));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

describe("digestArtifacts", () => {
  it("hashes files with sha256 and sorts them by name", async () => {
    const dir = await dirWith({ "b.tgz": "bravo\n", "a.tgz": "alpha\n" });
    expect((await digestArtifacts([join(dir, "b.tgz"), join(dir, "a.tgz")])).map((d) => [d.name, d.sha256])).toEqual([
      ["a.tgz", "b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060"],
      ["b.tgz", "5da8f23decf397b13f4f55b6fb8a61936238bfe08ed9d901132974f1beccc45c"],
    ]);
  });

  it("refuses an empty list", async () => {
    await expect(digestArtifacts([])).rejects.toThrow("no artifacts to sign or attest");
  });

  it("refuses two artifacts with the same file name", async () => {
    const one = await dirWith({ "x.tgz": "1" });
    const two = await dirWith({ "x.tgz": "2" });
    await expect(digestArtifacts([join(one, "x.tgz"), join(two, "x.tgz")])).rejects.toMatchObject({
      code: "ATTEST_NO_ARTIFACTS",
    });
  });

  it("names a file it cannot read", async () => {
    await expect(digestArtifacts(["/nonexistent/a.tgz"])).rejects.toMatchObject({
      code: "ATTEST_READ_FAILED",
      location: { file: "/nonexistent/a.tgz" },
    });
  });
});

describe("assertUnchanged", () => {
  it("detects an artifact rewritten after it was hashed", async () => {
    const dir = await dirWith({ "a.tgz": "alpha\n" });
    const [digest] = await digestArtifacts([join(dir, "a.tgz")]);
    await writeFile(join(dir, "a.tgz"), "tampered\n");
    await expect(assertUnchanged(join(dir, "a.tgz"), digest?.sha256 ?? "")).rejects.toMatchObject({
      code: "ATTEST_ARTIFACT_CHANGED",
    });
  });
});

describe("formatSha256Sums", () => {
  it("writes one sorted `hash  name` line per artifact, whatever the input order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z0-9.]{1,12}$/), { maxLength: 20 }), (names) => {
        const digests = names.map((name) => ({ name, path: name, sha256: "0".repeat(64) }));
        const lines = formatSha256Sums(digests).split("\n").filter(Boolean);
        expect(lines.map((l) => l.slice(66))).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
        expect(formatSha256Sums([...digests].reverse())).toBe(formatSha256Sums(digests));
      }),
    );
  });
});
