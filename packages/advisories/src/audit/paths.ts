import type { Component, DependencyGraph } from "@tollgate/inventory";
import { sortInPlace } from "../osv/ranges.js";

/**
 * The graph indexed for path queries, by position in `components`: the parents of each
 * node (sorted by id) and each node's distance from the nearest direct dependency.
 * Typed arrays rather than a map and an array per node: the index lives for the whole
 * audit of a graph that may hold tens of thousands of components.
 */
export interface PathIndex {
  components: readonly Component[];
  /** The position of each id (the last component with that id, as a map of the graph would keep). */
  position: Map<string, number>;
  /** The parents of node `i` are `parentList[parentStart[i]]` up to `parentList[parentStart[i + 1]]`, in id order. */
  parentStart: Int32Array;
  parentList: Int32Array;
  /** Steps from the nearest direct dependency; -1 when no direct dependency leads to the node. */
  distance: Int32Array;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts strings in place in code-unit order, as `sort()` does, and returns them (see sortInPlace). */
export function sortStrings(list: string[]): string[] {
  return sortInPlace(list, byCodeUnits);
}

/** Groups edges (`from[k]` → `to[k]`) by one end: `list[start[i]..start[i+1]]` holds the other ends of node i's edges. */
function grouped(n: number, key: number[], other: number[]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < key.length; k++) start[(key[k] as number) + 1] = (start[(key[k] as number) + 1] as number) + 1;
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const list = new Int32Array(key.length);
  for (let k = 0; k < key.length; k++) {
    const at = key[k] as number;
    list[fill[at] as number] = other[k] as number;
    fill[at] = (fill[at] as number) + 1;
  }
  return { start, list };
}

/** Builds parent lists and a breadth-first distance from the direct dependencies, once per audit. */
export function pathIndex(graph: DependencyGraph): PathIndex {
  const components = graph.components;
  const n = components.length;
  const position = new Map<string, number>();
  // Indexed loops: this runs once, before the optimiser would remove for-of's iterator objects.
  for (let i = 0; i < n; i++) position.set((components[i] as Component).id, i);
  const from: number[] = [];
  const to: number[] = [];
  for (let k = 0; k < graph.edges.length; k++) {
    const edge = graph.edges[k] as DependencyGraph["edges"][number];
    const f = position.get(edge.from);
    const t = position.get(edge.to);
    // An end that is no component has no distance, so no path goes through the edge.
    if (f === undefined || t === undefined) continue;
    from.push(f);
    to.push(t);
  }
  const up = grouped(n, to, from);
  const byId = (a: number, b: number) => byCodeUnits((components[a] as Component).id, (components[b] as Component).id);
  for (let i = 0; i < n; i++) {
    const a = up.start[i] as number;
    const b = up.start[i + 1] as number;
    if (b - a < 2) continue;
    const parents: number[] = [];
    for (let k = a; k < b; k++) parents.push(up.list[k] as number);
    up.list.set(sortInPlace(parents, byId), a);
  }
  const down = grouped(n, from, to);
  const distance = new Int32Array(n).fill(-1);
  let frontier: number[] = [];
  // The direct dependencies start at 0 (by id, as the map of ids the paths are told by).
  for (let k = 0; k < n; k++) {
    const c = components[k] as Component;
    const i = position.get(c.id) as number;
    if (c.role !== "dependency" || !c.direct || distance[i] === 0) continue;
    distance[i] = 0;
    frontier.push(i);
  }
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (let f = 0; f < frontier.length; f++) {
      const i = frontier[f] as number;
      for (let k = down.start[i] as number; k < (down.start[i + 1] as number); k++) {
        const child = down.list[k] as number;
        if (distance[child] !== -1 || (components[child] as Component).role !== "dependency") continue;
        distance[child] = d;
        next.push(child);
      }
    }
    frontier = next;
  }
  return { components, position, parentStart: up.start, parentList: up.list, distance };
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
  const at = index.position.get(target.id);
  const start = at === undefined ? -1 : (index.distance[at] as number);
  if (target.direct || at === undefined || start === -1) return [label(target)];
  const idOf = (i: number) => (index.components[i] as Component).id;
  const byId = (a: number, b: number) => byCodeUnits(idOf(a), idOf(b));
  // Each node keeps the first (smallest by id) way down to the target.
  const via = new Map<number, number>();
  let level = [at];
  for (let d = start; d > 0; d--) {
    const next: number[] = [];
    for (const node of level) {
      // Parents in id order, so the same graph always gives the same paths.
      for (let k = index.parentStart[node] as number; k < (index.parentStart[node + 1] as number); k++) {
        const parent = index.parentList[k] as number;
        if (index.distance[parent] !== d - 1 || via.has(parent)) continue;
        via.set(parent, node);
        next.push(parent);
      }
    }
    level = sortInPlace(next, byId);
  }
  return level.slice(0, limit).map((origin) => {
    const path = [label(index.components[origin] as Component)];
    for (let step = via.get(origin); step !== undefined; step = via.get(step))
      path.push(label(index.components[step] as Component));
    return path.join(" > ");
  });
}
