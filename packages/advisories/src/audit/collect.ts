import { isTollgateError } from "@tollgate/errors";
import type { Component, DependencyGraph } from "@tollgate/inventory";
import type { AdvisoryMatch, PackageQuery } from "../match/advisory-index.js";
import { severityRank } from "../osv/severity.js";
import type { AuditProblem, Finding } from "./finding.js";
import { dependencyPaths, type PathIndex, pathIndex } from "./paths.js";

/** Anything that can tell which advisories affect a package version (an index, or API results). */
export type Matcher = (query: PackageQuery) => AdvisoryMatch[];

const KIND_RANK = { informational: 0, unmaintained: 1, unsound: 2, vulnerability: 3 } as const;

/** Prefers a database's own id over a CVE, then the smallest, so the same group always gets the same id. */
function primaryId(ids: string[]): string {
  return [...ids].sort(
    (a, b) => Number(a.startsWith("CVE-")) - Number(b.startsWith("CVE-")) || (a < b ? -1 : 1),
  )[0] as string;
}

/** Merges matches whose ids or aliases overlap (a GHSA and its CVE are one finding), in first-seen order. */
export function mergeAliases(matches: AdvisoryMatch[]): AdvisoryMatch[][] {
  if (matches.length === 1) return [matches];
  const parent = matches.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const owner = new Map<string, number>();
  matches.forEach((match, i) => {
    for (const id of [match.advisory.id, ...match.advisory.aliases]) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[root(i)] = root(j);
    }
  });
  const groups = new Map<number, AdvisoryMatch[]>();
  matches.forEach((match, i) => {
    const r = root(i);
    const group = groups.get(r) ?? [];
    group.push(match);
    groups.set(r, group);
  });
  return [...groups.values()];
}

function toFinding(component: Component, group: AdvisoryMatch[], paths: string[]): Finding {
  const ids = [...new Set(group.flatMap((m) => [m.advisory.id, ...m.advisory.aliases]))];
  const id = primaryId(group.map((m) => m.advisory.id));
  const best = group
    .map((m) => m.advisory)
    .sort(
      (a, b) =>
        severityRank(b.severity.level) - severityRank(a.severity.level) ||
        (b.severity.score ?? -1) - (a.severity.score ?? -1),
    )[0];
  const primary = group.find((m) => m.advisory.id === id)?.advisory ?? best;
  const kind = group.map((m) => m.advisory.kind).sort((a, b) => KIND_RANK[b] - KIND_RANK[a])[0] ?? "vulnerability";
  const location = component.locations[0];
  return {
    id,
    aliases: ids.filter((a) => a !== id).sort(),
    ecosystem: component.ecosystem,
    package: component.name,
    version: component.version,
    severity: best?.severity.level ?? "unknown",
    score: best?.severity.score ?? null,
    vector: best?.severity.vector ?? null,
    fixed: [...new Set(group.flatMap((m) => m.fixed))],
    paths,
    ignored: false,
    kind,
    summary: primary?.summary ?? "",
    verdict: "fail",
    ...(location ? { location } : {}),
    purl: component.purl,
    scope: component.scope,
  };
}

/**
 * Matches every dependency of the graph (development ones only when asked) and
 * returns findings with dependency paths, plus a problem for each version that cannot be read.
 */
export function collectFindings(
  graph: DependencyGraph,
  match: Matcher,
  options: { includeDevelopment: boolean },
): { findings: Finding[]; problems: AuditProblem[]; audited: number } {
  let paths: PathIndex | undefined;
  const findings: Finding[] = [];
  const problems: AuditProblem[] = [];
  let audited = 0;
  for (const component of graph.components) {
    if (component.role !== "dependency") continue;
    if (!options.includeDevelopment && component.scope === "development") continue;
    audited++;
    let matches: AdvisoryMatch[];
    try {
      matches = match({ ecosystem: component.ecosystem, name: component.name, version: component.version });
    } catch (error) {
      if (!isTollgateError(error)) throw error;
      const location = component.locations[0];
      problems.push({ level: "error", code: error.code, message: error.message, ...(location ? { location } : {}) });
      continue;
    }
    if (matches.length === 0) continue;
    paths ??= pathIndex(graph);
    const shown = dependencyPaths(component, paths);
    for (const group of mergeAliases(matches)) findings.push(toFinding(component, group, shown));
  }
  findings.sort(
    (a, b) =>
      cmp(a.ecosystem, b.ecosystem) ||
      cmp(a.package, b.package) ||
      cmp(a.version, b.version) ||
      cmp(a.id, b.id) ||
      cmp(a.purl, b.purl),
  );
  return { findings, problems, audited };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
