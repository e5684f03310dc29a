import { readdirSync } from "node:fs";
import { loadPolicy } from "@tollgate/policy";
import { scanPaths } from "@tollgate/secrets";
import { describe, expect, it } from "vitest";

describe("Tollgate on its own release artifacts", () => {
  it("finds no secret in any committed action bundle, under the project's own policy", async () => {
    const bundles = readdirSync("actions").map((name) => `actions/${name}/dist`);
    const { policy } = await loadPolicy("tollgate.yml", { cwd: process.cwd() });
    const result = await scanPaths({ paths: bundles, cwd: process.cwd(), config: policy.secrets });
    expect(result.findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.redacted}`)).toEqual([]);
    expect(result.unscanned).toEqual([]);
    expect(result.stats.files).toBeGreaterThan(bundles.length);
  });
});
