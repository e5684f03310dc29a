import { type AdvisorySourceOptions, type AuditPolicy, DEFAULT_AUDIT_POLICY, runAudit } from "@tollgate/advisories";
import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import type { Policy } from "../file/schema.js";
import { durationMs } from "../file/validators.js";
import type { ReviewAdvisory } from "./review.js";

// In developer mode an ignore may have no expiry: it holds until removed from the policy.
const NO_EXPIRY = "9999-12-31";

/** The advisory gate's settings from the policy's `mode` and `advisories` section. */
export function auditPolicyOf(policy: Policy): AuditPolicy {
  const a = policy.advisories;
  return {
    ...DEFAULT_AUDIT_POLICY,
    mode: policy.mode,
    failOnSeverity: a.failOnSeverity,
    unmaintained: a.unmaintained,
    unsound: a.unsound,
    informational: a.informational,
    includeDevelopment: a.includeDevelopment,
    unknownSeverity: a.unknownSeverity,
    maxDatabaseAgeMs: durationMs(a.maxDatabaseAge),
    malformedRecords: a.malformedRecords,
    ignore: a.ignore.map((i) => ({ id: i.id, reason: i.reason, expires: i.expires ?? NO_EXPIRY })),
  };
}

/** A review hook that runs the advisory gate on a graph and keeps its failing and warning findings. */
export function advisoryHook(
  policy: Policy,
  source: AdvisorySourceOptions,
  now?: () => Date,
): (graph: DependencyGraph) => Promise<ReviewAdvisory[]> {
  const auditPolicy = auditPolicyOf(policy);
  return async (graph) => {
    if (!graph.components.some((c) => c.role === "dependency")) return [];
    const report = await runAudit({ graph, source, policy: auditPolicy, ...(now ? { now } : {}) });
    return report.findings
      .filter((f) => f.verdict === "fail" || f.verdict === "warn")
      .map((f) => ({
        kind: "advisory" as const,
        id: f.id,
        package: f.package,
        version: f.version,
        ecosystem: f.ecosystem as Ecosystem,
        message: `${f.id} (${f.severity}): ${f.summary}${f.fixed.length > 0 ? `; fixed in ${f.fixed.join(", ")}` : ""}`,
        paths: f.paths.map((p) => p.split(" > ")),
        rule: "advisories",
        level: f.verdict === "fail" ? ("deny" as const) : ("warn" as const),
      }));
  };
}
