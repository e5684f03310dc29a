import { describe, expect, it } from "vitest";
import type { GateResult } from "./gate-result.js";
import { buildRecord, verifyRecordDigest } from "./record.js";

const gates: GateResult[] = [
  { name: "sbom", title: "SBOM", verdict: "pass", counts: { components: 12 }, findings: [] },
  {
    name: "secrets",
    title: "Secrets",
    verdict: "fail",
    counts: { findings: 1 },
    findings: ["dist/app.js:3:9 github-pat ghp***x9Z"],
  },
];

const input = {
  tollgate: { version: "0.1.0" },
  mode: "high-assurance" as const,
  policy: { file: "tollgate.yml", sha256: "a".repeat(64) },
  startedAt: "2026-11-22T00:00:00.000Z",
  finishedAt: "2026-11-22T00:00:05.000Z",
  inputs: {
    lockfiles: [{ path: "package-lock.json", sha256: "b".repeat(64) }],
    artifacts: [
      { path: "z.tgz", sha256: "c".repeat(64) },
      { path: "a.whl", sha256: "d".repeat(64) },
    ],
    sboms: [],
  },
  advisoryData: { source: "osv-offline", detail: "db modified 2026-11-21" },
  gates,
  egress: [],
};

describe("gate record", () => {
  it("fails overall when any gate fails", () => {
    expect(buildRecord(input).verdict).toBe("fail");
  });

  it("passes overall when every gate passes or warns", () => {
    const ok = buildRecord({
      ...input,
      gates: [gates[0] as GateResult, { ...(gates[1] as GateResult), verdict: "warn" }],
    });
    expect(ok.verdict).toBe("pass");
  });

  it("sorts inputs so the same run gives the same bytes", () => {
    expect(buildRecord(input).inputs.artifacts.map((a) => a.path)).toEqual(["a.whl", "z.tgz"]);
    expect(JSON.stringify(buildRecord(input))).toBe(JSON.stringify(buildRecord(input)));
  });

  it("carries a digest of itself that detects an edited verdict", () => {
    const record = buildRecord(input);
    expect(verifyRecordDigest(record)).toBe(true);
    expect(verifyRecordDigest({ ...record, verdict: "pass" })).toBe(false);
  });
});
