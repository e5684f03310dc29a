import { describe, expect, it } from "vitest";
import { parseOsvRecord } from "./schema.js";
import { cvssBaseScore, rateSeverity } from "./severity.js";

function rate(extra: Record<string, unknown>) {
  return rateSeverity(parseOsvRecord({ id: "TEST-1", modified: "2026-01-01T00:00:00Z", ...extra }, "inline"));
}

describe("CVSS base scores (FIRST's published examples)", () => {
  it("scores a CVSS v3.1 vector", () => {
    expect(cvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toBe(9.8);
    expect(cvssBaseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H")).toBe(7.5);
  });

  it("scores a CVSS v3.0 vector", () => {
    expect(cvssBaseScore("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H")).toBe(8.1);
  });

  it("scores a CVSS v4.0 vector", () => {
    expect(cvssBaseScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).toBe(9.3);
  });

  it("gives no score for a vector it cannot read", () => {
    expect(cvssBaseScore("CVSS:3.1/AV:X")).toBeUndefined();
    expect(cvssBaseScore("AV:N/AC:L/Au:N/C:P/I:P/A:P")).toBeUndefined();
  });
});

describe("rating an advisory", () => {
  it("takes the highest of several vectors", () => {
    const rated = rate({
      severity: [
        { type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" },
        { type: "CVSS_V4", score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" },
      ],
    });
    expect(rated.severity).toEqual({
      level: "critical",
      score: 9.3,
      vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
    });
  });

  it("uses GitHub's database_specific.severity label when there is no vector", () => {
    expect(rate({ database_specific: { severity: "MODERATE" } }).severity).toEqual({ level: "moderate" });
  });

  it("lets a higher label win over a lower score", () => {
    const rated = rate({
      severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" }],
      database_specific: { severity: "CRITICAL" },
    });
    expect(rated.severity.level).toBe("critical");
  });

  it("is unknown when the advisory states nothing", () => {
    expect(rate({}).severity).toEqual({ level: "unknown" });
  });

  it("reports vectors it cannot score", () => {
    expect(rate({ severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:X" }] }).invalidVectors).toEqual(["CVSS:3.1/AV:X"]);
  });
});
