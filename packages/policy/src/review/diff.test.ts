import { type DependencyGraph, GraphBuilder } from "@tollgate/inventory";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffGraphs } from "./diff.js";

function graph(packages: [string, string][]): DependencyGraph {
  const b = new GraphBuilder();
  const root = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
  for (const [name, version] of packages) b.addEdge(root, b.addComponent({ ecosystem: "npm", name, version }), "prod");
  return b.build({ id: "tollgate:root", name: "app" });
}

const packages = fc.uniqueArray(
  fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.constantFrom("1.0.0", "1.1.0", "2.0.0")),
  {
    selector: ([n, v]) => `${n}@${v}`,
    maxLength: 12,
  },
);

describe("diffGraphs", () => {
  it("finds no difference between a graph and itself", () => {
    fc.assert(
      fc.property(packages, (p) => {
        const d = diffGraphs(graph(p), graph(p));
        return d.added.length + d.removed.length + d.changed.length === 0;
      }),
    );
  });

  it("accounts for every version exactly once: base + added = head + removed (changes pair one of each)", () => {
    fc.assert(
      fc.property(packages, packages, (before, after) => {
        const d = diffGraphs(graph(before), graph(after));
        const baseOnly = before.filter(([n, v]) => !after.some(([m, w]) => m === n && w === v)).length;
        const headOnly = after.filter(([n, v]) => !before.some(([m, w]) => m === n && w === v)).length;
        return d.removed.length + d.changed.length === baseOnly && d.added.length + d.changed.length === headOnly;
      }),
    );
  });

  it("is symmetric: swapping sides swaps added and removed", () => {
    fc.assert(
      fc.property(packages, packages, (before, after) => {
        const forward = diffGraphs(graph(before), graph(after));
        const backward = diffGraphs(graph(after), graph(before));
        return forward.added.length === backward.removed.length && forward.changed.length === backward.changed.length;
      }),
    );
  });

  it("shows a version bump as one change, not a removal and an addition", () => {
    const d = diffGraphs(graph([["a", "1.0.0"]]), graph([["a", "2.0.0"]]));
    expect([d.added, d.removed, d.changed.map((c) => `${c.from.version}→${c.to.version}`)]).toEqual([
      [],
      [],
      ["1.0.0→2.0.0"],
    ]);
  });
});
