import { describe, expect, it } from "vitest";
import { parseSecretsInputs } from "./inputs.js";

const base = {
  policy: "",
  baseline: "",
  sarifFile: "tollgate-secrets.sarif",
  jsonFile: "",
  annotations: true,
  workers: "",
};

describe("parseSecretsInputs", () => {
  it("scans the workspace when no path is given", () => {
    expect(parseSecretsInputs({ ...base, paths: [] }, 4).paths).toEqual(["."]);
  });

  it("keeps the given paths in order", () => {
    expect(parseSecretsInputs({ ...base, paths: ["dist", "pkg.tgz"] }, 4).paths).toEqual(["dist", "pkg.tgz"]);
  });

  it("scans on one thread per core when workers is empty", () => {
    expect(parseSecretsInputs({ ...base, paths: [] }, 4).workers).toBe(4);
  });

  it("takes the number of threads from workers", () => {
    expect(parseSecretsInputs({ ...base, paths: [], workers: " 1 " }, 4).workers).toBe(1);
  });

  it.each(["two", "1.5", "-1"])("rejects workers %j with the rule it breaks", (workers) => {
    expect(() => parseSecretsInputs({ ...base, paths: [], workers }, 4)).toThrow(
      workers === "-1" ? "workers must be 0 or more" : "workers must be a whole number",
    );
  });
});
