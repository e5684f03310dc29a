import { describe, expect, it } from "vitest";
import { Matcher } from "../detect/matcher.js";
import { compiledBuiltinRules } from "../rules/compile.js";
import { collectInto, emptyPartial } from "../scan/collect.js";
import { scanFile } from "./files.js";
import { defaultLimits } from "./limits.js";

describe("scanFile", () => {
  it("reports a file that vanished between listing and scanning as unscanned, naming it", async () => {
    const partial = emptyPartial();
    await scanFile(
      { path: "/nonexistent/tollgate/vanished.txt", name: "dist/vanished.txt" },
      {
        analyze: { matcher: new Matcher(compiledBuiltinRules()), decodeDepth: 2 },
        limits: defaultLimits,
        addBytes: (n) => n,
        report: collectInto(partial),
      },
    );
    expect(partial.unscanned).toEqual([
      { file: "dist/vanished.txt", reason: "unreadable", detail: "the file vanished during the scan" },
    ]);
  });
});
