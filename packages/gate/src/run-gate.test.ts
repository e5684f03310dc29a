import { TollgateError } from "@tollgate/errors";
import { describe, expect, it } from "vitest";
import type { GateResult, Verdict } from "./gate-result.js";
import { type GateStage, runGate } from "./run-gate.js";

function stage(name: string, verdict: Verdict, ran: string[]): GateStage {
  return {
    name,
    title: name,
    run: async (): Promise<GateResult> => {
      ran.push(name);
      return { name, title: name, verdict, counts: {}, findings: [] };
    },
  };
}

describe("runGate", () => {
  it("runs the release stages when every check passes", async () => {
    const ran: string[] = [];
    const results = await runGate({
      checks: [stage("sbom", "pass", ran), stage("secrets", "warn", ran)],
      release: [stage("sign", "pass", ran), stage("publish", "pass", ran)],
    });
    expect(ran).toEqual(["sbom", "secrets", "sign", "publish"]);
    expect(results.map((r) => r.verdict)).toEqual(["pass", "warn", "pass", "pass"]);
  });

  it("runs every check but signs and publishes nothing when one check fails", async () => {
    const ran: string[] = [];
    const results = await runGate({
      checks: [stage("advisories", "fail", ran), stage("secrets", "pass", ran)],
      release: [stage("sign", "pass", ran), stage("publish", "pass", ran)],
    });
    expect(ran).toEqual(["advisories", "secrets"]);
    expect(results.slice(2)).toEqual([
      {
        name: "sign",
        title: "sign",
        verdict: "skipped",
        counts: {},
        findings: [],
        note: "not run: a check failed, nothing is signed or published",
      },
      {
        name: "publish",
        title: "publish",
        verdict: "skipped",
        counts: {},
        findings: [],
        note: "not run: a check failed, nothing is signed or published",
      },
    ]);
  });

  it("turns a stage that throws into an error verdict with the formatted message", async () => {
    const broken: GateStage = {
      name: "advisories",
      title: "Advisories",
      run: async () => {
        throw new TollgateError("OSV_UNREACHABLE", "cannot reach the OSV API", { hint: "run with --offline --db DIR" });
      },
    };
    const [result] = await runGate({ checks: [broken], release: [] });
    expect(result).toEqual({
      name: "advisories",
      title: "Advisories",
      verdict: "error",
      counts: {},
      findings: [],
      note: "cannot reach the OSV API [OSV_UNREACHABLE]\n  hint: run with --offline --db DIR",
    });
  });

  it("stops publishing when signing fails", async () => {
    const ran: string[] = [];
    const results = await runGate({
      checks: [stage("sbom", "pass", ran)],
      release: [stage("sign", "error", ran), stage("publish", "pass", ran)],
    });
    expect(ran).toEqual(["sbom", "sign"]);
    expect(results[2]?.note).toBe("not run: sign failed");
  });
});
