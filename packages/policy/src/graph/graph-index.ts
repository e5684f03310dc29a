import type { Component, DependencyGraph } from "@tollgate/inventory";

/** Lookups over a dependency graph that the checks share: components by id, dependents, shortest paths. */
export class GraphIndex {
  readonly byId = new Map<string, Component>();
  /** For each component id, the ids of the components that depend on it, sorted. */
  readonly dependents = new Map<string, string[]>();
  private readonly parent = new Map<string, string>();

  constructor(readonly graph: DependencyGraph) {
    for (const component of graph.components) this.byId.set(component.id, component);
    const children = new Map<string, string[]>();
    for (const edge of graph.edges) {
      if (edge.from === edge.to) continue;
      push(children, edge.from, edge.to);
      if (edge.from !== graph.root.id) push(this.dependents, edge.to, edge.from);
    }
    for (const list of this.dependents.values()) list.sort();
    // Breadth-first from the graph root (and from every project root, for graphs without root edges):
    // the first parent found gives a shortest path, deterministically since edges are sorted.
    const starts = [graph.root.id, ...graph.components.filter((c) => c.role !== "dependency").map((c) => c.id)];
    const seen = new Set<string>(starts);
    const queue = [...starts];
    for (let i = 0; i < queue.length; i++) {
      const id = queue[i] as string;
      for (const child of children.get(id) ?? []) {
        if (seen.has(child)) continue;
        seen.add(child);
        this.parent.set(child, id);
        queue.push(child);
      }
    }
  }

  /** `name@version` of a component id (the id itself when unknown). */
  label(id: string): string {
    const component = this.byId.get(id);
    return component ? `${component.name}@${component.version}` : id;
  }

  /** A shortest path of component ids from a project root to `id` (inclusive), without the graph's own root. */
  pathIds(id: string): string[] {
    const path = [id];
    for (let at = this.parent.get(id); at !== undefined && at !== this.graph.root.id; at = this.parent.get(at)) {
      path.unshift(at);
    }
    return path;
  }

  /** A shortest path to `id` as `name@version` steps. */
  path(id: string): string[] {
    return this.pathIds(id).map((step) => this.label(step));
  }

  /** A shortest path to `id` that passes through its dependent `via`. */
  pathVia(via: string, id: string): string[] {
    return [...this.path(via), this.label(id)];
  }

  /** The direct dependency that brings `id` in along its shortest path (itself when direct). */
  directDependencyOf(id: string): Component | undefined {
    for (const step of this.pathIds(id)) {
      const component = this.byId.get(step);
      if (component?.role === "dependency") return component;
    }
    return undefined;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
