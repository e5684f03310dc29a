import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBundleFile } from "./read-bundles.js";

async function file(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "tollgate-bundles-")), "b.json");
  await writeFile(path, content);
  return path;
}

describe("readBundleFile", () => {
  it("reads a pretty-printed single bundle", async () => {
    expect(await readBundleFile(await file('{\n  "mediaType": "x"\n}\n'))).toEqual([{ mediaType: "x" }]);
  });

  it("reads one bundle per line, skipping blank lines", async () => {
    expect(await readBundleFile(await file('{"a":1}\n\n{"a":2}\n'))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("names the line that is not JSON", async () => {
    const path = await file('{"a":1}\nnot json\n');
    await expect(readBundleFile(path)).rejects.toMatchObject({
      code: "ATTEST_BAD_BUNDLE",
      location: { file: path, line: 2 },
    });
  });
});
