import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AuditPolicy, DEFAULT_AUDIT_POLICY, renderJson, runAudit } from "@tollgate/advisories";
import { describe, expect, it } from "vitest";
import { ADVISORIES, graphOf, lockfileGraph } from "./graphs.js";

const NOW = () => new Date("2026-11-20T12:00:00Z");
const offline = { kind: "offline" as const, dir: ADVISORIES };
const lenient: AuditPolicy = { ...DEFAULT_AUDIT_POLICY, maxDatabaseAgeMs: Number.MAX_SAFE_INTEGER };

function audit(graph: Parameters<typeof runAudit>[0]["graph"], policy: Partial<AuditPolicy> = {}) {
  return runAudit({ graph, source: offline, policy: { ...lenient, ...policy }, now: NOW });
}

describe("auditing a real lockfile (BookStack, npm)", () => {
  it("reports every known vulnerable package with its id, the lockfile line and the path from a direct dependency", async () => {
    const graph = await lockfileGraph("npm", "BookStackApp__BookStack@c42b6aece9", "package-lock.json", "package.json");
    const report = await audit(graph);
    expect(
      report.findings.map((f) => `${f.id} ${f.package}@${f.version} ${f.severity} line ${f.location?.line}`),
    ).toEqual([
      "GHSA-93q8-gq69-wqmw ansi-regex@4.1.0 high line 24",
      "GHSA-grv7-fg5c-xmjg braces@3.0.2 high line 91",
      "GHSA-ww39-953v-wcq6 glob-parent@5.1.1 high line 385",
      "GHSA-6vfc-qv3f-vr6c markdown-it@11.0.1 moderate line 676",
      "GHSA-f8q6-p94x-37v3 minimatch@3.0.4 high line 710",
      "GHSA-hj48-42vr-x3v9 path-parse@1.0.6 moderate line 874",
      "GHSA-c2qf-rxjj-qqgw semver@5.7.1 moderate line 1001",
      "GHSA-3h5v-q93c-6h6q ws@7.4.4 high line 1229",
      "GHSA-6fc8-4gx4-v693 ws@7.4.4 moderate line 1229",
    ]);
    const braces = report.findings.find((f) => f.package === "braces");
    expect(braces?.paths).toEqual([
      "chokidar-cli@2.1.0 > chokidar@3.4.2 > braces@3.0.2",
      "livereload@0.9.3 > chokidar@3.5.1 > braces@3.0.2",
      "sass@1.32.8 > chokidar@3.4.2 > braces@3.0.2",
    ]);
    expect(braces?.fixed).toEqual(["3.0.3"]);
    expect(report.passed).toBe(false);
    expect(report.mode).toBe("high-assurance");
  });
});

describe("matching and merging", () => {
  it("does not report versions at or above the fix", async () => {
    const report = await audit(
      graphOf([
        { name: "minimist", version: "1.2.6", direct: true },
        { name: "qs", version: "6.10.3", direct: true },
      ]),
    );
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it("merges advisories that alias each other into one finding", async () => {
    const report = await audit(
      graphOf([{ ecosystem: "Go", name: "golang.org/x/crypto", version: "v0.35.0", direct: true }]),
    );
    const ids = report.findings.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of report.findings) expect(f.aliases).not.toContain(f.id);
  });

  it("leaves development dependencies out when the policy says so", async () => {
    const graph = graphOf([{ name: "minimist", version: "1.2.5", direct: true, scope: "development" }]);
    expect((await audit(graph)).findings).toHaveLength(1);
    expect((await audit(graph, { includeDevelopment: false })).findings).toHaveLength(0);
  });

  it("reports an unreadable inventory version as an error naming the package", async () => {
    const report = await audit(graphOf([{ name: "minimist", version: "not-a-version", direct: true, line: 7 }]));
    expect(report.problems).toEqual([
      {
        level: "error",
        code: "INVALID_VERSION",
        message: expect.stringContaining("minimist"),
        location: { file: "package-lock.json", line: 7 },
      },
    ]);
    expect(report.passed).toBe(false);
  });
});

describe("policy", () => {
  const vulnerable = graphOf([{ name: "minimist", version: "1.2.5", direct: true }]);

  it("fails only at or above fail-on-severity", async () => {
    // GHSA-xvch-5gv4-984h is critical; markdown-it's GHSA-6vfc-qv3f-vr6c is moderate.
    const graph = graphOf([{ name: "markdown-it", version: "11.0.1", direct: true }]);
    expect((await audit(graph, { failOnSeverity: "high" })).findings.map((f) => f.verdict)).toEqual(["note"]);
    expect((await audit(graph, { failOnSeverity: "moderate" })).findings.map((f) => f.verdict)).toEqual(["fail"]);
    expect((await audit(vulnerable, { failOnSeverity: "critical" })).passed).toBe(false);
  });

  it("accepts an ignore by alias with a reason until it expires", async () => {
    const report = await audit(vulnerable, {
      ignore: [{ id: "CVE-2021-44906", reason: "not reachable", expires: "2026-12-31" }],
    });
    expect(report.findings.map((f) => [f.id, f.verdict, f.ignored])).toEqual([
      ["GHSA-xvch-5gv4-984h", "ignored", true],
    ]);
    expect(report.passed).toBe(true);
  });

  it("fails on an expired ignore and names it", async () => {
    const report = await audit(vulnerable, {
      ignore: [{ id: "GHSA-xvch-5gv4-984h", reason: "waiting for upstream", expires: "2026-11-19" }],
    });
    expect(report.findings.map((f) => f.verdict)).toEqual(["fail"]);
    expect(report.problems).toEqual([
      expect.objectContaining({
        level: "error",
        code: "IGNORE_EXPIRED",
        message: expect.stringContaining("GHSA-xvch-5gv4-984h expired on 2026-11-19"),
      }),
    ]);
    expect(report.passed).toBe(false);
  });

  it("reports an ignore that matched nothing as unused", async () => {
    const report = await audit(vulnerable, {
      ignore: [
        { id: "GHSA-xvch-5gv4-984h", reason: "r", expires: "2027-01-01" },
        { id: "GHSA-0000-0000-0000", reason: "old", expires: "2027-01-01" },
      ],
    });
    expect(report.unusedIgnores.map((e) => e.id)).toEqual(["GHSA-0000-0000-0000"]);
    expect(report.passed).toBe(true);
  });

  it("turns failing findings into warnings in developer mode", async () => {
    const report = await audit(vulnerable, { mode: "developer" });
    expect(report.findings.map((f) => f.verdict)).toEqual(["warn"]);
    expect(report.passed).toBe(true);
    expect(report.mode).toBe("developer");
  });

  it("rates an advisory without severity as the policy says (critical by default)", async () => {
    const graph = graphOf([{ ecosystem: "Go", name: "github.com/gin-gonic/gin", version: "v1.5.0", direct: true }]);
    expect((await audit(graph, { failOnSeverity: "critical" })).findings.map((f) => [f.severity, f.verdict])).toEqual([
      ["unknown", "fail"],
    ]);
    expect(
      (await audit(graph, { failOnSeverity: "critical", unknownSeverity: "low" })).findings.map((f) => f.verdict),
    ).toEqual(["note"]);
  });

  it("applies the unsound/unmaintained settings to RustSec informational advisories", async () => {
    const graph = graphOf([{ ecosystem: "crates.io", name: "anyhow", version: "1.0.98", direct: true }]);
    expect((await audit(graph, { unsound: "deny" })).findings.map((f) => [f.id, f.kind, f.verdict])).toEqual([
      ["RUSTSEC-2026-0190", "unsound", "fail"],
    ]);
    expect((await audit(graph, { unsound: "warn" })).findings.map((f) => f.verdict)).toEqual(["warn"]);
    expect((await audit(graph, { unsound: "allow" })).findings.map((f) => f.verdict)).toEqual(["note"]);
  });
});

describe("JSON report", () => {
  it("lists each finding with exactly the documented keys", async () => {
    const report = await audit(graphOf([{ name: "minimist", version: "1.2.5", direct: true }]));
    const json = JSON.parse(renderJson(report));
    expect(json.findings).toEqual([
      {
        id: "GHSA-xvch-5gv4-984h",
        aliases: ["CVE-2021-44906"],
        ecosystem: "npm",
        package: "minimist",
        version: "1.2.5",
        severity: "critical",
        score: 9.8,
        fixed: ["1.2.6"],
        paths: ["minimist@1.2.5"],
        ignored: false,
      },
    ]);
    expect(json.mode).toBe("high-assurance");
    expect(renderJson(report)).toBe(
      renderJson(await audit(graphOf([{ name: "minimist", version: "1.2.5", direct: true }]))),
    );
  });
});

describe("malformed advisory records", () => {
  function databaseWithOneBadRecord(): string {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
    cpSync(join(ADVISORIES, "ghsa/GHSA-xvch-5gv4-984h.json"), join(dir, "GHSA-xvch-5gv4-984h.json"));
    writeFileSync(join(dir, "GHSA-bad0-0000-0000.json"), JSON.stringify({ id: "GHSA-bad0-0000-0000", affected: [] }));
    return dir;
  }
  const graph = graphOf([{ name: "minimist", version: "1.2.5", direct: true }]);

  it("fail the audit by default, naming the record and its file", async () => {
    const audit = runAudit({
      graph,
      source: { kind: "offline", dir: databaseWithOneBadRecord() },
      policy: DEFAULT_AUDIT_POLICY,
    });
    await expect(audit).rejects.toMatchObject({
      code: "MALFORMED_ADVISORY",
      message: expect.stringContaining("GHSA-bad0-0000-0000 in GHSA-bad0-0000-0000.json"),
    });
  });

  it("are reported and skipped when the policy says skip", async () => {
    const report = await runAudit({
      graph,
      source: { kind: "offline", dir: databaseWithOneBadRecord() },
      policy: { ...DEFAULT_AUDIT_POLICY, malformedRecords: "skip" },
    });
    expect(report.findings.map((f) => f.id)).toEqual(["GHSA-xvch-5gv4-984h"]);
    expect(report.problems).toEqual([
      {
        level: "warning",
        code: "MALFORMED_ADVISORY",
        message: expect.stringContaining("GHSA-bad0-0000-0000"),
        location: { file: "GHSA-bad0-0000-0000.json" },
      },
    ]);
  });
});
