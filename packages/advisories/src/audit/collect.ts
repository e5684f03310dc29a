import { isTollgateError } from "@tollgate/errors";
import type { Component, DependencyGraph } from "@tollgate/inventory";
import type { Advisory } from "../match/advisory.js";
import type { AdvisoryMatch, PackageQuery } from "../match/advisory-index.js";
import { severityRank } from "../osv/severity.js";
import type { AuditProblem, Finding } from "./finding.js";
import { dependencyPaths, type PathIndex, pathIndex, sortStrings } from "./paths.js";

/** Anything that can tell which advisories affect a package version (an index, or API results). */
export type Matcher = (query: PackageQuery) => AdvisoryMatch[];

const KIND_RANK = { informational: 0, unmaintained: 1, unsound: 2, vulnerability: 3 } as const;

/** Prefers a database's own id over a CVE, then the smallest, so the same group always gets the same id. */
function primaryId(ids: string[]): string {
  let best = ids[0] as string;
  for (const id of ids) {
    const c = Number(id.startsWith("CVE-")) - Number(best.startsWith("CVE-"));
    if (c < 0 || (c === 0 && id < best)) best = id;
  }
  return best;
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

/** Whether `a` is more severe than `b`: higher level, then higher score. */
function moreSevere(a: Advisory, b: Advisory): boolean {
  const rank = severityRank(a.severity.level) - severityRank(b.severity.level);
  return rank > 0 || (rank === 0 && (a.severity.score ?? -1) > (b.severity.score ?? -1));
}

/** Appends the items of `from` that `to` does not hold yet (first occurrence wins, order kept). */
function appendNew(to: string[], from: readonly string[]): void {
  for (const item of from) if (!to.includes(item)) to.push(item);
}

/** The list at its exact length: findings live for the whole audit, and a list grown by push keeps spare room. */
function exact(list: string[]): string[] {
  return list.length === 0 ? [] : list.slice();
}

function toFinding(component: Component, group: AdvisoryMatch[], paths: string[]): Finding {
  const ids: string[] = [];
  const fixed: string[] = [];
  let best = (group[0] as AdvisoryMatch).advisory;
  let kind = best.kind;
  for (const m of group) {
    if (!ids.includes(m.advisory.id)) ids.push(m.advisory.id);
    appendNew(ids, m.advisory.aliases);
    appendNew(fixed, m.fixed);
    if (moreSevere(m.advisory, best)) best = m.advisory;
    if (KIND_RANK[m.advisory.kind] > KIND_RANK[kind]) kind = m.advisory.kind;
  }
  const id = group.length === 1 ? best.id : primaryId(group.map((m) => m.advisory.id));
  const primary = group.find((m) => m.advisory.id === id)?.advisory ?? best;
  const location = component.locations[0];
  return {
    id,
    aliases: exact(sortStrings(ids.filter((a) => a !== id))),
    ecosystem: component.ecosystem,
    package: component.name,
    version: component.version,
    severity: best.severity.level,
    score: best.severity.score ?? null,
    vector: best.severity.vector ?? null,
    fixed: exact(fixed),
    paths,
    ignored: false,
    kind,
    summary: primary.summary,
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
