import type { DependencyGraph } from "@tollgate/inventory";
import type { HttpClient } from "@tollgate/net";
import { loadDatabase } from "../database/load-database.js";
import { AdvisoryError } from "../errors.js";
import { AdvisoryIndex, type AdvisoryMatch, type PackageQuery } from "../match/advisory-index.js";
import { packageKey } from "../osv/names.js";
import { OsvApiSource } from "../source/osv-api.js";
import { collectFindings, type Matcher } from "./collect.js";
import { evaluate } from "./evaluate.js";
import type { AuditProblem, Finding } from "./finding.js";
import { type AuditPolicy, type IgnoreEntry, isoDate } from "./policy.js";

/** Where advisories come from. */
export type AdvisorySourceOptions =
  | {
      kind: "offline";
      dir: string;
      /** How to show the directory in reports (default: `dir`). */
      label?: string;
    }
  | {
      kind: "osv-api";
      http: HttpClient;
      baseUrl?: string;
      cacheDir?: string;
      batchSize?: number;
      concurrency?: number;
    };

export interface AuditOptions {
  graph: DependencyGraph;
  source: AdvisorySourceOptions;
  policy: AuditPolicy;
  /** The clock: ignore expiry and database age (tests pass a fixed one). */
  now?: () => Date;
}

/** Everything the audit found and decided, ready for any output format. */
export interface AuditReport {
  mode: AuditPolicy["mode"];
  source: { kind: "offline" | "osv-api"; location: string; updatedAt?: string; advisories: number };
  findings: Finding[];
  unusedIgnores: IgnoreEntry[];
  expiredIgnores: IgnoreEntry[];
  problems: AuditProblem[];
  summary: {
    components: number;
    audited: number;
    findings: number;
    failing: number;
    warnings: number;
    ignored: number;
  };
  /** False when any finding fails or any error-level problem exists. */
  passed: boolean;
  /** Request counts against the OSV API, when it was the source. */
  requests?: { querybatch: number; vulns: number; cached: number };
}

function malformedProblems(index: AdvisoryIndex, policy: AuditPolicy): AuditProblem[] {
  if (index.malformed.length === 0) return [];
  if (policy.malformedRecords === "fail") {
    const first = index.malformed[0] as (typeof index.malformed)[number];
    throw new AdvisoryError(
      "MALFORMED_ADVISORY",
      `${index.malformed.length} malformed advisory record(s); first: ${first.id} in ${first.file}: ${first.message}`,
      {
        location: { file: first.file },
        hint: "update the advisory database, or set advisories.malformed-records: skip to report and skip them",
      },
    );
  }
  return index.malformed.map((m) => ({
    level: "warning" as const,
    code: "MALFORMED_ADVISORY",
    message: `skipped malformed advisory ${m.id}: ${m.message}`,
    location: { file: m.file },
  }));
}

async function apiMatcher(options: AuditOptions, source: Extract<AdvisorySourceOptions, { kind: "osv-api" }>) {
  const api = new OsvApiSource(source);
  const audited = options.graph.components.filter(
    (c) => c.role === "dependency" && (options.policy.includeDevelopment || c.scope !== "development"),
  );
  const queries = [
    ...new Map(audited.map((c) => [`${packageKey(c.ecosystem, c.name)}\u0000${c.version}`, c])).values(),
  ].map((c): PackageQuery => ({ ecosystem: c.ecosystem, name: c.name, version: c.version }));
  const ids = await api.queryIds(queries);
  const index = new AdvisoryIndex();
  for (const record of await api.fetchRecords(ids.flat()))
    index.add(record, `${source.baseUrl ?? "OSV API"}/v1/vulns/${record.id}`);
  const claimed = new Map(
    queries.map((q, i) => [`${packageKey(q.ecosystem, q.name)}\u0000${q.version}`, ids[i] ?? []]),
  );
  // The API's answer is authoritative for what affects a version; local matching adds fixed versions.
  const match: Matcher = (query) => {
    const local = index.match(query);
    const found = new Set(local.map((m) => m.advisory.id));
    const extra: AdvisoryMatch[] = [];
    for (const ref of claimed.get(`${packageKey(query.ecosystem, query.name)}\u0000${query.version}`) ?? []) {
      const advisory = index.advisory(ref.id);
      if (advisory && !found.has(ref.id)) extra.push({ advisory, fixed: [] });
    }
    return [...local, ...extra];
  };
  return { index, match, api };
}

/** Audits a dependency graph against OSV advisories (offline database or OSV API) under a policy. */
export async function runAudit(options: AuditOptions): Promise<AuditReport> {
  const now = (options.now ?? (() => new Date()))();
  const { policy } = options;
  let index: AdvisoryIndex;
  let match: Matcher;
  let sourceInfo: AuditReport["source"];
  let requests: AuditReport["requests"];
  if (options.source.kind === "offline") {
    const db = await loadDatabase(options.source.dir, { maxAgeMs: policy.maxDatabaseAgeMs, now: () => now });
    index = db.index;
    match = (q) => db.index.match(q);
    sourceInfo = {
      kind: "offline",
      location: options.source.label ?? options.source.dir,
      updatedAt: db.updatedAt.toISOString(),
      advisories: index.counts.indexed,
    };
  } else {
    const online = await apiMatcher(options, options.source);
    index = online.index;
    match = online.match;
    requests = online.api.requests;
    sourceInfo = {
      kind: "osv-api",
      location: options.source.baseUrl ?? "https://api.osv.dev",
      advisories: index.counts.indexed,
    };
  }
  const malformed = malformedProblems(index, policy);
  const collected = collectFindings(options.graph, match, { includeDevelopment: policy.includeDevelopment });
  const evaluation = evaluate(collected.findings, policy, isoDate(now));
  const problems = [...collected.problems, ...malformed, ...evaluation.problems];
  const count = (v: Finding["verdict"]) => evaluation.findings.filter((f) => f.verdict === v).length;
  const failing = count("fail");
  return {
    mode: policy.mode,
    source: sourceInfo,
    findings: evaluation.findings,
    unusedIgnores: evaluation.unusedIgnores,
    expiredIgnores: evaluation.expiredIgnores,
    problems,
    summary: {
      components: options.graph.components.filter((c) => c.role === "dependency").length,
      audited: collected.audited,
      findings: evaluation.findings.length,
      failing,
      warnings: count("warn"),
      ignored: count("ignored"),
    },
    passed: failing === 0 && !problems.some((p) => p.level === "error"),
    ...(requests ? { requests: { ...requests } } : {}),
  };
}
