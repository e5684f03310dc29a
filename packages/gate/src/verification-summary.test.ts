import { describe, expect, it } from "vitest";
import { buildRecord } from "./record.js";
import { verificationSummaryOf } from "./verification-summary.js";

const record = buildRecord({
  tollgate: { version: "0.1.0" },
  mode: "high-assurance",
  policy: { file: "tollgate.yml", sha256: "a".repeat(64) },
  startedAt: "2026-11-22T12:00:00.000Z",
  finishedAt: "2026-11-22T12:00:04.000Z",
  inputs: { lockfiles: [], artifacts: [{ path: "dist/app.tgz", sha256: "b".repeat(64) }], sboms: [] },
  advisoryData: null,
  gates: [{ name: "secrets", title: "Secrets", verdict: "pass", counts: {}, findings: [] }],
  egress: [],
});
const options = {
  verifierId: "https://github.com/tollgate-dev/tollgate/actions/gate@v1",
  resourceUri: "git+https://github.com/acme/widgets@refs/tags/v1.2.3",
  policyUri: "https://github.com/acme/widgets/blob/4f2c1e0d/tollgate.yml",
  recordUri: "tollgate-record.json",
  recordSha256: "c".repeat(64),
};

describe("verification summary of a gate record", () => {
  it("is a SLSA VSA v1 that names the policy by digest and the record as its input", () => {
    expect(verificationSummaryOf(record, options)).toEqual({
      name: "verification-summary",
      predicateType: "https://slsa.dev/verification_summary/v1",
      predicate: {
        verifier: { id: options.verifierId, version: { tollgate: "0.1.0" } },
        timeVerified: "2026-11-22T12:00:04.000Z",
        resourceUri: options.resourceUri,
        policy: { uri: options.policyUri, digest: { sha256: "a".repeat(64) } },
        inputAttestations: [{ uri: "tollgate-record.json", digest: { sha256: "c".repeat(64) } }],
        verificationResult: "PASSED",
        verifiedLevels: ["TOLLGATE_RELEASE_GATE_PASSED"],
        slsaVersion: "1.0",
      },
    });
  });

  it("refuses a record whose verdict was edited after the gate wrote it", () => {
    expect(() => verificationSummaryOf({ ...record, finishedAt: "2026-11-23T00:00:00.000Z" }, options)).toThrow(
      "the gate record's sha256 does not match its content",
    );
  });

  it("refuses a record of a failed gate", () => {
    const failed = buildRecord({
      ...record,
      gates: [{ name: "secrets", title: "Secrets", verdict: "fail", counts: {}, findings: [] }],
    });
    expect(() => verificationSummaryOf(failed, options)).toThrow("the gate record says fail: refusing to attest it");
  });
});
