import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import type { HttpClient } from "@tollgate/net";
import { checkGraph, type Policy } from "@tollgate/policy";
import type { GateResult } from "../gate-result.js";

export interface PolicyStageOptions {
  graph: DependencyGraph;
  policy: Policy;
  /** The project directory, for installed package metadata (licenses). */
  dir?: string;
  offline?: boolean;
  http?: HttpClient;
  /** Registry metadata API base URLs by ecosystem (tests point them at loopback). */
  metadataUrls?: Partial<Record<Ecosystem, string>>;
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Licenses, bans, sources, duplicates, deprecated and yanked packages, as the policy says. */
export async function policyStage(options: PolicyStageOptions): Promise<GateResult> {
  const report = await checkGraph(options.graph, options.policy, {
    ...(options.dir ? { dir: options.dir } : {}),
    ...(options.offline ? { offline: true } : {}),
    ...(options.http ? { http: options.http } : {}),
    ...(options.metadataUrls ? { metadataUrls: options.metadataUrls } : {}),
    ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const denied = report.findings.filter((f) => f.level === "deny");
  const warned = report.findings.filter((f) => f.level === "warn");
  return {
    name: "policy",
    title: "Dependency policy",
    verdict: report.verdict === "fail" ? "fail" : warned.length > 0 ? "warn" : "pass",
    counts: { checked: report.checked, denied: denied.length, warnings: warned.length },
    findings: [...denied, ...warned].map(
      (f) => `${f.level} ${f.kind}: ${f.package}@${f.version} (${f.ecosystem}) ${f.message} [${f.rule}]`,
    ),
  };
}
