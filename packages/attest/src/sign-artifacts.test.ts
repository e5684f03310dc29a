import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeText } from "./sign-artifacts.js";

describe("writeText", () => {
  it("writes the text as UTF-8, replacing what the file held", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "tollgate-write-text-")), "a.tgz.sigstore.json");
    await writeText(path, "a longer first text\n");
    await writeText(path, '{"mediaType":"é"}\n');
    expect(await readFile(path, "utf8")).toBe('{"mediaType":"é"}\n');
  });

  it("rejects with the file system's error when the directory does not exist", async () => {
    const path = join(await mkdtemp(join(tmpdir(), "tollgate-write-text-")), "missing", "a.sigstore.json");
    await expect(writeText(path, "x")).rejects.toMatchObject({ code: "ENOENT", path });
  });
});
