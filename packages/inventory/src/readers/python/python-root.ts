import type { GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind } from "../../model.js";
import type { LockfileInput } from "../../reader.js";

/** The packages of one Python lockfile by normalised name (one name may be locked in several versions). */
export class PyIndex {
  private readonly byName = new Map<string, string[]>();
  /** Ids some locked package depends on. */
  readonly referenced = new Set<string>();
  /** Every package id with the edge kind its own scope suggests when nothing else says. */
  readonly all: Array<{ id: string; kind: EdgeKind }> = [];

  /** Records a locked package. */
  add(name: string, id: string, kind: EdgeKind): void {
    const ids = this.byName.get(name);
    if (ids) ids.push(id);
    else this.byName.set(name, [id]);
    this.all.push({ id, kind });
  }

  /** The ids locked under a normalised name (none when the lock does not have it). */
  get(name: string): string[] {
    return this.byName.get(name) ?? [];
  }

  /** Adds edges from `from` to every package locked as `name`; returns false when there is none. */
  link(graph: GraphBuilder, from: string, name: string, kind: EdgeKind): boolean {
    const ids = this.get(name);
    for (const id of ids) {
      graph.addEdge(from, id, kind);
      if (id !== from) this.referenced.add(id);
    }
    return ids.length > 0;
  }
}

/**
 * Links the project root to its direct dependencies: those the manifest names (a warning for
 * each one the lock lacks), or without a manifest every package no other package depends on.
 */
export function linkPythonRoot(
  graph: GraphBuilder,
  input: LockfileInput,
  rootId: string,
  index: PyIndex,
  direct: Map<string, EdgeKind> | undefined,
  manifest: string,
): void {
  if (direct) {
    for (const [name, kind] of [...direct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!index.link(graph, rootId, name, kind)) {
        graph.warn({
          code: "LOCKFILE_OUT_OF_SYNC",
          message: `${manifest} declares ${name}, which ${input.relativePath} does not lock; re-lock the project`,
          location: { file: input.relativePath },
        });
      }
    }
    return;
  }
  for (const { id, kind } of index.all) if (!index.referenced.has(id) && id !== rootId) graph.addEdge(rootId, id, kind);
}
