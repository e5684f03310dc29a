import type { Component, DependencyGraph } from "@tollgate/inventory";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dependencyPaths, pathIndex, sortStrings } from "./paths.js";

function component(name: string, direct = false, role: Component["role"] = "dependency"): Component {
  return {
    id: `pkg:npm/${name}@1.0.0`,
    ecosystem: "npm",
    name,
    version: "1.0.0",
    purl: `pkg:npm/${name}@1.0.0`,
    role,
    scope: "required",
    direct,
    hashes: [],
    properties: {},
    locations: [],
  } as Component;
}

function graph(components: Component[], edges: Array<[string, string]>): DependencyGraph {
  return {
    root: { id: "root", name: "app" },
    components,
    edges: edges.map(([from, to]) => ({ from: `pkg:npm/${from}@1.0.0`, to: `pkg:npm/${to}@1.0.0`, kind: "prod" })),
    lockfiles: [],
    warnings: [],
  } as unknown as DependencyGraph;
}

/** All shortest paths from any direct dependency to `target`, by brute force (names joined with " > "). */
function shortestPaths(g: DependencyGraph, target: Component): string[] {
  const byId = new Map(g.components.map((c) => [c.id, c]));
  const label = (id: string) => `${byId.get(id)?.name}@1.0.0`;
  if (target.direct) return [label(target.id)];
  let paths = g.components.filter((c) => c.role === "dependency" && c.direct).map((c) => [c.id]);
  for (let step = 0; step <= g.components.length; step++) {
    const done = paths.filter((p) => p[p.length - 1] === target.id);
    if (done.length > 0) return done.map((p) => p.map(label).join(" > "));
    paths = paths.flatMap((p) =>
      g.edges
        .filter((e) => e.from === p[p.length - 1] && byId.get(e.to)?.role === "dependency" && !p.includes(e.to))
        .map((e) => [...p, e.to]),
    );
  }
  return [label(target.id)];
}

describe("dependency paths", () => {
  const a = component("a", true);
  const b = component("b", true);
  const mid = component("mid");
  const leaf = component("leaf");
  const g = graph(
    [component("app", false, "root"), a, b, mid, leaf],
    [
      ["app", "a"],
      ["app", "b"],
      ["b", "mid"],
      ["a", "mid"],
      ["mid", "leaf"],
      ["b", "leaf"],
      ["ghost", "leaf"],
    ],
  );

  it("is the direct dependency itself for a direct dependency", () => {
    expect(dependencyPaths(a, pathIndex(g))).toEqual(["a@1.0.0"]);
  });

  it("takes only the shortest way down, from the nearest direct dependency", () => {
    expect(dependencyPaths(leaf, pathIndex(g))).toEqual(["b@1.0.0 > leaf@1.0.0"]);
  });

  it("gives one path per nearest direct dependency, sorted by id, whatever the order of the edges", () => {
    const reversed = { ...g, edges: [...g.edges].reverse() };
    expect(dependencyPaths(mid, pathIndex(g))).toEqual(["a@1.0.0 > mid@1.0.0", "b@1.0.0 > mid@1.0.0"]);
    expect(dependencyPaths(mid, pathIndex(reversed))).toEqual(["a@1.0.0 > mid@1.0.0", "b@1.0.0 > mid@1.0.0"]);
  });

  it("sorts the paths by their direct dependency, not by the way down", () => {
    const [z, x1, x2, t] = [component("z", true), component("x1"), component("x2"), component("t")];
    const crossed = graph(
      [component("a", true), z, x1, x2, t],
      [
        ["z", "x1"],
        ["a", "x2"],
        ["x1", "t"],
        ["x2", "t"],
      ],
    );
    expect(dependencyPaths(t as Component, pathIndex(crossed))).toEqual([
      "a@1.0.0 > x2@1.0.0 > t@1.0.0",
      "z@1.0.0 > x1@1.0.0 > t@1.0.0",
    ]);
  });

  it("is the package alone when no direct dependency leads to it", () => {
    const orphan = component("orphan");
    expect(dependencyPaths(orphan, pathIndex(graph([...g.components, orphan], [])))).toEqual(["orphan@1.0.0"]);
  });

  it("is always a shortest path from a direct dependency, at most `limit` of them (random graphs)", () => {
    const names = ["a", "b", "c", "d", "e", "f", "g", "h"];
    fc.assert(
      fc.property(
        fc.subarray(names, { minLength: 1 }),
        fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names)), { maxLength: 20 }),
        fc.integer({ min: 1, max: 3 }),
        (direct, edges, limit) => {
          const components = names.map((n) => component(n, direct.includes(n)));
          const g = graph(components, edges);
          const index = pathIndex(g);
          for (const target of components) {
            const got = dependencyPaths(target, index, limit);
            const shortest = shortestPaths(g, target);
            expect(got.length).toBe(Math.min(limit, new Set(shortest.map((p) => p.split(" > ")[0])).size));
            for (const path of got) expect(shortest).toContain(path);
            expect(got.map((p) => p.split(" > ")[0])).toEqual(sortStrings(got.map((p) => p.split(" > ")[0] as string)));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("sortStrings", () => {
  it("orders as Array.prototype.sort does, short lists and long", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary" }), { maxLength: 40 }), (list) => {
        expect(sortStrings([...list])).toEqual([...list].sort());
      }),
    );
  });
});
