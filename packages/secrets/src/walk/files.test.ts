import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Matcher } from "../detect/matcher.js";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { collectInto, emptyPartial } from "../scan/collect.js";
import { scanFile } from "./files.js";
import { defaultLimits } from "./limits.js";

const analyze = { matcher: new Matcher(compiledBuiltinRules()), decodeDepth: 2 };

/** Scans one path as a listed file named `name`, returning what was reported. */
async function scanOne(path: string, name: string): Promise<ReturnType<typeof emptyPartial>> {
  const partial = emptyPartial();
  await scanFile({ path, name }, { analyze, limits: defaultLimits, addBytes: (n) => n, report: collectInto(partial) });
  return partial;
}

describe("scanFile", () => {
  it("reports a file that vanished between listing and scanning as unscanned, naming it", async () => {
    const partial = await scanOne("/nonexistent/tollgate/vanished.txt", "dist/vanished.txt");
    expect(partial.unscanned).toEqual([
      { file: "dist/vanished.txt", reason: "unreadable", detail: "the file vanished during the scan" },
    ]);
  });

  it.each([
    ["a symlink", (dir: string, path: string) => symlink(join(dir, "real.txt"), path)],
    ["a directory", (_dir: string, path: string) => mkdir(path)],
    ["a FIFO", async (_dir: string, path: string) => execFileSync("mkfifo", [path])],
  ])("reports a listed file that is %s by the time it is scanned, without reading it", async (_what, make) => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-scanfile-"));
    try {
      await writeFile(join(dir, "real.txt"), "t=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\n");
      await make(dir, join(dir, "app.env"));
      const partial = await scanOne(join(dir, "app.env"), "app.env");
      expect(partial.unscanned).toEqual([
        { file: "app.env", reason: "unreadable", detail: "no longer a regular file" },
      ]);
      expect([partial.files, partial.candidates]).toEqual([0, []]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
