import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSbomInputs } from "./inputs.js";
import { version } from "./version.js";

describe("the sbom action's inputs", () => {
  it("defaults to both formats, the workspace and nothing omitted", () => {
    expect(parseSbomInputs({ path: "", formats: [], outputDir: "", omit: [] })).toEqual({
      path: ".",
      formats: ["cyclonedx-json", "spdx-json"],
      outputDir: ".",
      omit: [],
      allowEmpty: false,
    });
  });

  it("takes allow-empty true or false, and nothing else", () => {
    const raw = { path: ".", formats: [], outputDir: ".", omit: [] };
    expect(parseSbomInputs({ ...raw, allowEmpty: "true" }).allowEmpty).toBe(true);
    expect(parseSbomInputs({ ...raw, allowEmpty: "false" }).allowEmpty).toBe(false);
    expect(() => parseSbomInputs({ ...raw, allowEmpty: "yes" })).toThrow(/^input allow-empty: /);
  });

  it("maps omit dev to the development scope", () => {
    expect(parseSbomInputs({ path: "app", formats: ["spdx-json"], outputDir: "out", omit: ["dev"] }).omit).toEqual([
      "development",
    ]);
  });

  it("rejects an unknown format, naming the input", () => {
    expect(() => parseSbomInputs({ path: ".", formats: ["xml"], outputDir: ".", omit: [] })).toThrow(
      /^input formats: /,
    );
  });

  it("rejects an unknown omit value, naming the input", () => {
    expect(() => parseSbomInputs({ path: ".", formats: [], outputDir: ".", omit: ["prod"] })).toThrow(/^input omit: /);
  });

  it("records the version of its package.json as the tool version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(version).toBe(pkg.version);
  });
});
