import { type AdvisorySourceOptions, auditPolicyFromConfig, runAudit } from "@tollgate/advisories";
import type { DependencyGraph } from "@tollgate/inventory";
import type { HttpClient } from "@tollgate/net";
import type { Policy } from "@tollgate/policy";
import type { GateResult } from "../gate-result.js";

export interface AdvisoriesStageOptions {
  graph: DependencyGraph;
  policy: Policy;
  /** An offline OSV database directory; without it the OSV API is asked through `http`. */
  db?: string;
  osvUrl?: string;
  http?: HttpClient;
  cacheDir?: string;
  now?: () => Date;
}

export interface AdvisoriesStageOutput {
  result: GateResult;
  /** Which advisory data was used, for the record. */
  data: { source: string; detail: string };
}

/** Audits the graph against OSV; in developer mode failing advisories are warnings, errors still fail. */
export async function advisoriesStage(options: AdvisoriesStageOptions): Promise<AdvisoriesStageOutput> {
  if (!options.db && !options.http) throw new Error("advisoriesStage needs an offline database or an HTTP client");
  const source: AdvisorySourceOptions = options.db
    ? { kind: "offline", dir: options.db }
    : {
        kind: "osv-api",
        http: options.http as HttpClient,
        ...(options.osvUrl ? { baseUrl: options.osvUrl } : {}),
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
      };
  const report = await runAudit({
    graph: options.graph,
    source,
    policy: auditPolicyFromConfig(options.policy),
    ...(options.now ? { now: options.now } : {}),
  });
  const shown = report.findings.filter((f) => f.verdict === "fail" || f.verdict === "warn");
  const lines = [
    ...report.problems.map((p) => `${p.level}: ${p.message}`),
    ...report.expiredIgnores.map((i) => `expired ignore ${i.id} (expires ${i.expires ?? "?"}): ${i.reason}`),
    ...shown.map(
      (f) =>
        `${f.id} ${f.package}@${f.version} (${f.ecosystem}) ${f.severity}${f.score === null ? "" : ` ${f.score}`}${f.fixed.length > 0 ? `, fixed in ${f.fixed.join(", ")}` : ", no fix"}${f.paths[0] ? ` via ${f.paths[0]}` : ""}`,
    ),
  ];
  const verdict = !report.passed ? "fail" : report.summary.warnings > 0 || report.problems.length > 0 ? "warn" : "pass";
  return {
    data: {
      source: report.source.kind === "offline" ? "osv-offline" : "osv-api",
      detail: `${report.source.location}${report.source.updatedAt ? ` (updated ${report.source.updatedAt})` : ""}, ${report.source.advisories} advisories`,
    },
    result: {
      name: "advisories",
      title: "Advisories (OSV)",
      verdict,
      counts: {
        audited: report.summary.audited,
        failing: report.summary.failing,
        ignored: report.summary.ignored,
        warnings: report.summary.warnings,
      },
      findings: lines,
      note: `mode ${report.mode}; advisory data: ${report.source.kind} ${report.source.location}`,
    },
  };
}
