import type { Component, DependencyGraph } from "@tollgate/inventory";

/** Reverse adjacency (child → parents) of a graph, built once per audit. */
export function parentsOf(graph: DependencyGraph): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const edge of graph.edges) {
    const list = parents.get(edge.to) ?? [];
    list.push(edge.from);
    parents.set(edge.to, list);
  }
  for (const list of parents.values()) list.sort();
  return parents;
}

function label(c: Component): string {
  return `${c.name}@${c.version}`;
}

/**
 * The shortest path from each nearest direct dependency down to `target`, as
 * `direct@1 > mid@2 > target@3`, sorted by length then text, at most `limit`.
 * Walks parent edges breadth-first and stops at direct dependencies.
 */
export function dependencyPaths(
  target: Component,
  byId: Map<string, Component>,
  parents: Map<string, string[]>,
  limit = 5,
): string[] {
  if (target.direct) return [label(target)];
  const via = new Map<string, string | undefined>([[target.id, undefined]]);
  const found: string[][] = [];
  let frontier = [target.id];
  while (frontier.length > 0 && found.length < limit) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const parent of parents.get(id) ?? []) {
        if (via.has(parent)) continue;
        const component = byId.get(parent);
        if (!component || component.role !== "dependency") continue;
        via.set(parent, id);
        if (component.direct) {
          const path: string[] = [];
          for (let at: string | undefined = parent; at !== undefined; at = via.get(at)) path.push(at);
          found.push(path);
        } else {
          next.push(parent);
        }
      }
    }
    frontier = next;
  }
  if (found.length === 0) return [label(target)];
  return found
    .map((ids) => ids.map((id) => label(byId.get(id) as Component)).join(" > "))
    .sort((a, b) => a.split(" > ").length - b.split(" > ").length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit);
}
