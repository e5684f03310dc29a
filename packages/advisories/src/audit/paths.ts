import type { Component, DependencyGraph } from "@tollgate/inventory";

/** The graph indexed for path queries: parents of each node and each node's distance from the nearest direct dependency. */
export interface PathIndex {
  byId: Map<string, Component>;
  parents: Map<string, string[]>;
  distance: Map<string, number>;
}

/** Builds parent lists and a breadth-first distance from the direct dependencies, once per audit. */
export function pathIndex(graph: DependencyGraph): PathIndex {
  const byId = new Map(graph.components.map((c) => [c.id, c]));
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const up = parents.get(edge.to) ?? [];
    up.push(edge.from);
    parents.set(edge.to, up);
    const down = children.get(edge.from) ?? [];
    down.push(edge.to);
    children.set(edge.from, down);
  }
  const distance = new Map<string, number>();
  let frontier = graph.components.filter((c) => c.role === "dependency" && c.direct).map((c) => c.id);
  for (const id of frontier) distance.set(id, 0);
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const child of children.get(id) ?? []) {
        if (distance.has(child) || byId.get(child)?.role !== "dependency") continue;
        distance.set(child, d);
        next.push(child);
      }
    }
    frontier = next;
  }
  return { byId, parents, distance };
}

function label(c: Component): string {
  return `${c.name}@${c.version}`;
}

/**
 * The shortest paths from the nearest direct dependencies down to `target`, as
 * `direct@1 > mid@2 > target@3`, one per direct dependency, sorted, at most `limit`.
 * Walks only parent edges that bring it one step closer to a direct dependency.
 */
export function dependencyPaths(target: Component, index: PathIndex, limit = 5): string[] {
  const start = index.distance.get(target.id);
  if (target.direct || start === undefined) return [label(target)];
  // Each node keeps the first (lexicographically smallest) way down to the target.
  const via = new Map<string, string>();
  let level = [target.id];
  for (let d = start; d > 0; d--) {
    const next: string[] = [];
    for (const id of level) {
      // Parents in id order, so the same graph always gives the same paths.
      for (const parent of [...(index.parents.get(id) ?? [])].sort()) {
        if (index.distance.get(parent) !== d - 1 || via.has(parent)) continue;
        via.set(parent, id);
        next.push(parent);
      }
    }
    level = next.sort();
  }
  return level.slice(0, limit).map((origin) => {
    const path = [origin];
    for (let at = via.get(origin); at !== undefined; at = via.get(at)) path.push(at);
    return path.map((id) => label(index.byId.get(id) as Component)).join(" > ");
  });
}
