import { severityRank } from "../osv/severity.js";
import type { AuditProblem, Finding, Verdict } from "./finding.js";
import { type AuditPolicy, type IgnoreEntry, isExpired } from "./policy.js";

/** The outcome of applying a policy to findings. */
export interface Evaluation {
  findings: Finding[];
  unusedIgnores: IgnoreEntry[];
  expiredIgnores: IgnoreEntry[];
  problems: AuditProblem[];
}

function baseVerdict(finding: Finding, policy: AuditPolicy): Verdict {
  if (finding.kind !== "vulnerability") {
    const action = policy[finding.kind];
    return action === "deny" ? "fail" : action === "warn" ? "warn" : "note";
  }
  const level = finding.severity === "unknown" ? policy.unknownSeverity : finding.severity;
  return severityRank(level) >= severityRank(policy.failOnSeverity) ? "fail" : "note";
}

/**
 * Applies the policy: severity threshold, advisory classes, ignores by id or alias
 * (an expired one no longer applies and is itself a failure naming the entry), unused
 * ignores reported, and developer mode turning failures into warnings.
 */
export function evaluate(findings: Finding[], policy: AuditPolicy, today: string): Evaluation {
  const developer = policy.mode === "developer";
  const used = new Set<IgnoreEntry>();
  const problems: AuditProblem[] = [];
  const expired = policy.ignore.filter((entry) => isExpired(entry, today));
  for (const entry of expired) {
    problems.push({
      level: developer ? "warning" : "error",
      code: "IGNORE_EXPIRED",
      message: `the ignore of ${entry.id} expired on ${entry.expires} (reason given: ${entry.reason}); fix the finding or renew the entry with a new expires date`,
    });
  }
  const evaluated = findings.map((finding) => {
    const ids = new Set([finding.id, ...finding.aliases]);
    const entry = policy.ignore.find((e) => ids.has(e.id));
    if (entry) used.add(entry);
    if (entry && !isExpired(entry, today)) {
      return { ...finding, ignored: true, verdict: "ignored" as const, ignoreReason: entry.reason };
    }
    let verdict = baseVerdict(finding, policy);
    if (developer && verdict === "fail") verdict = "warn";
    return { ...finding, verdict };
  });
  const unusedIgnores = policy.ignore.filter((e) => !used.has(e) && !isExpired(e, today));
  for (const entry of unusedIgnores) {
    problems.push({
      level: "warning",
      code: "IGNORE_UNUSED",
      message: `the ignore of ${entry.id} matched no finding; remove it from the policy`,
    });
  }
  return { findings: evaluated, unusedIgnores, expiredIgnores: expired, problems };
}
