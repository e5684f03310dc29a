import { describe, expect, it } from "vitest";
import { parseSecretsInputs } from "./inputs.js";

const base = { policy: "", baseline: "", sarifFile: "tollgate-secrets.sarif", jsonFile: "", annotations: true };

describe("parseSecretsInputs", () => {
  it("scans the workspace when no path is given", () => {
    expect(parseSecretsInputs({ ...base, paths: [] }).paths).toEqual(["."]);
  });

  it("keeps the given paths in order", () => {
    expect(parseSecretsInputs({ ...base, paths: ["dist", "pkg.tgz"] }).paths).toEqual(["dist", "pkg.tgz"]);
  });
});
