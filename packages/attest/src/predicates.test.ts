import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseSbom, sbomPredicateType } from "./sbom-predicate.js";
import {
  buildVerificationSummary,
  SLSA_VERIFICATION_SUMMARY_V1,
  verificationSummaryStatement,
} from "./verification-summary.js";

describe("sbomPredicateType", () => {
  it("maps CycloneDX and SPDX 2.3 documents to their predicate types", () => {
    expect(sbomPredicateType({ bomFormat: "CycloneDX", specVersion: "1.6" }, "bom.json")).toBe(
      "https://cyclonedx.org/bom",
    );
    expect(sbomPredicateType({ spdxVersion: "SPDX-2.3" }, "sbom.spdx.json")).toBe("https://spdx.dev/Document/v2.3");
  });

  it("refuses a JSON document that is neither", () => {
    expect(() => sbomPredicateType({ name: "x" }, "x.json")).toThrow(
      "x.json is neither a CycloneDX nor an SPDX JSON document",
    );
  });

  it("refuses a file that is not JSON, naming it", () => {
    expect(() => parseSbom("<xml/>", "bom.xml")).toThrow(/^bom\.xml is not JSON: /);
  });

  it("refuses a JSON file that is not an SBOM (this package's package.json)", async () => {
    const text = await readFile(new URL("../package.json", import.meta.url), "utf8");
    expect(() => parseSbom(text, "package.json")).toThrow(expect.objectContaining({ code: "ATTEST_BAD_CONTEXT" }));
  });
});

describe("buildVerificationSummary", () => {
  const input = {
    verifierId: "https://github.com/acme/tollgate/actions/gate@v1",
    timeVerified: "2026-01-02T03:04:05Z",
    resourceUri: "git+https://github.com/acme/widgets@refs/tags/v1.2.3",
    policy: { uri: "https://github.com/acme/widgets/blob/v1.2.3/.tollgate.yml", digest: { sha256: "ab" } },
    inputAttestations: [
      { uri: "provenance.intoto.jsonl", digest: { sha256: "02" } },
      { uri: "bom.intoto.jsonl", digest: { sha256: "01" } },
    ],
    passed: true,
    verifiedLevels: ["SLSA_BUILD_LEVEL_3", "SLSA_BUILD_LEVEL_2"],
  };

  it("builds the VSA v1 predicate with sorted inputs and levels", () => {
    expect(buildVerificationSummary(input)).toEqual({
      verifier: { id: "https://github.com/acme/tollgate/actions/gate@v1" },
      timeVerified: "2026-01-02T03:04:05Z",
      resourceUri: "git+https://github.com/acme/widgets@refs/tags/v1.2.3",
      policy: { uri: "https://github.com/acme/widgets/blob/v1.2.3/.tollgate.yml", digest: { sha256: "ab" } },
      inputAttestations: [
        { uri: "bom.intoto.jsonl", digest: { sha256: "01" } },
        { uri: "provenance.intoto.jsonl", digest: { sha256: "02" } },
      ],
      verificationResult: "PASSED",
      verifiedLevels: ["SLSA_BUILD_LEVEL_2", "SLSA_BUILD_LEVEL_3"],
      slsaVersion: "1.0",
    });
  });

  it("records a failed gate as FAILED", () => {
    expect(buildVerificationSummary({ ...input, passed: false }).verificationResult).toBe("FAILED");
  });

  it("wraps the predicate in a statement of the VSA type", () => {
    expect(verificationSummaryStatement([{ name: "a", path: "a", sha256: "aa" }], input).predicateType).toBe(
      SLSA_VERIFICATION_SUMMARY_V1,
    );
  });
});
