import type { DependencyGraph, Edge } from "@tollgate/inventory";

/** Outgoing edges of each node (graph root included), in the graph's sorted order. */
export function outgoingEdges(graph: DependencyGraph): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  for (const edge of graph.edges) {
    const list = out.get(edge.from);
    if (list) list.push(edge);
    else out.set(edge.from, [edge]);
  }
  return out;
}
