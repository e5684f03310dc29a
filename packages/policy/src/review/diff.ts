import type { Component, DependencyGraph } from "@tollgate/inventory";
import { GraphIndex } from "../graph/graph-index.js";

/** A package whose version changed between base and head (same ecosystem and name). */
export interface ChangedPackage {
  from: Component;
  to: Component;
}

/** What a change does to the dependencies, by package identity (ecosystem + name). */
export interface GraphDiff {
  added: Component[];
  removed: Component[];
  changed: ChangedPackage[];
}

function identity(c: Component): string {
  return `${c.ecosystem}\u0000${c.name}`;
}

function group(graph: DependencyGraph): Map<string, Component[]> {
  const map = new Map<string, Component[]>();
  for (const c of graph.components) {
    if (c.role !== "dependency") continue;
    const list = map.get(identity(c));
    if (list) list.push(c);
    else map.set(identity(c), [c]);
  }
  return map;
}

const byVersion = (a: Component, b: Component) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0);

/**
 * Diffs two graphs by package identity, so a version bump is one change. When a package
 * has several versions, the versions only in base are paired with those only in head, in order.
 */
export function diffGraphs(base: DependencyGraph, head: DependencyGraph): GraphDiff {
  const before = group(base);
  const after = group(head);
  const diff: GraphDiff = { added: [], removed: [], changed: [] };
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(key) ?? [];
    const now = after.get(key) ?? [];
    const oldVersions = new Set(old.map((c) => c.version));
    const newVersions = new Set(now.map((c) => c.version));
    const gone = old.filter((c) => !newVersions.has(c.version)).sort(byVersion);
    const fresh = now.filter((c) => !oldVersions.has(c.version)).sort(byVersion);
    const pairs = Math.min(gone.length, fresh.length);
    for (let i = 0; i < pairs; i++) diff.changed.push({ from: gone[i] as Component, to: fresh[i] as Component });
    diff.removed.push(...gone.slice(pairs));
    diff.added.push(...fresh.slice(pairs));
  }
  return diff;
}

/** The direct dependency that brings each component in, as `name@version` ("(direct)" for direct ones). */
export function attribution(graph: DependencyGraph, index = new GraphIndex(graph)): (id: string) => string {
  return (id) => {
    const component = index.byId.get(id);
    if (component?.direct) return "(direct)";
    const direct = index.directDependencyOf(id);
    return direct === undefined ? "(unknown)" : `${direct.name}@${direct.version}`;
  };
}
