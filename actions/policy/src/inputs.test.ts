import { describe, expect, it } from "vitest";
import { parsePolicyInputs } from "./inputs.js";

const raw = { path: "", policy: "", offline: "", metadataUrls: [], sarifFile: "tollgate-policy.sarif" };

describe("policy action inputs", () => {
  it("applies the defaults", () => {
    expect(parsePolicyInputs(raw)).toEqual({
      path: ".",
      offline: false,
      metadataUrls: {},
      sarifFile: "tollgate-policy.sarif",
    });
  });

  it("reads metadata URLs per ecosystem", () => {
    const inputs = parsePolicyInputs({ ...raw, metadataUrls: ["crates.io=https://crates.example.org/"] });
    expect(inputs.metadataUrls).toEqual({ "crates.io": "https://crates.example.org/" });
  });

  it("rejects an ecosystem Tollgate does not look up", () => {
    expect(() => parsePolicyInputs({ ...raw, metadataUrls: ["Go=https://proxy.example.org/"] })).toThrow(
      "input metadata-urls: unknown ecosystem Go",
    );
  });
});
