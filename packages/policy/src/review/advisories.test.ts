import { describe, expect, it } from "vitest";
import { parsePolicy } from "../file/load.js";
import { auditPolicyOf } from "./advisories.js";

describe("auditPolicyOf", () => {
  it("maps the advisories section onto the advisory gate's settings", () => {
    const policy = parsePolicy(
      "version: 1\nadvisories:\n  fail-on-severity: high\n  max-database-age: 2d\n  ignore:\n    - id: GHSA-1\n      reason: r\n      expires: 2026-12-31\n",
      "tollgate.yml",
    );
    expect(auditPolicyOf(policy)).toMatchObject({
      mode: "high-assurance",
      failOnSeverity: "high",
      maxDatabaseAgeMs: 2 * 86_400_000,
      ignore: [{ id: "GHSA-1", reason: "r", expires: "2026-12-31" }],
    });
  });

  it("keeps a developer-mode ignore without expiry until it is removed from the policy", () => {
    const policy = parsePolicy(
      "version: 1\nmode: developer\nadvisories:\n  ignore:\n    - id: GHSA-2\n      reason: r\n",
      "tollgate.yml",
    );
    expect(auditPolicyOf(policy).ignore).toEqual([{ id: "GHSA-2", reason: "r", expires: "9999-12-31" }]);
  });
});
