import { describe, expect, it } from "vitest";
import { GraphBuilder } from "./graph-builder.js";

const ROOT = { id: "tollgate:root", name: "demo" };

describe("GraphBuilder", () => {
  it("merges the same package found twice into one component with both locations", () => {
    const b = new GraphBuilder();
    b.addComponent({
      ecosystem: "npm",
      name: "left-pad",
      version: "1.3.0",
      location: { file: "a/package-lock.json", line: 9 },
    });
    b.addComponent({
      ecosystem: "npm",
      name: "left-pad",
      version: "1.3.0",
      location: { file: "b/package-lock.json", line: 4 },
    });
    const graph = b.build(ROOT);
    expect(graph.components).toHaveLength(1);
    expect(graph.components[0]?.locations).toEqual([
      { file: "a/package-lock.json", line: 9 },
      { file: "b/package-lock.json", line: 4 },
    ]);
  });

  it("marks dependencies of a project root as direct and links the graph root to it", () => {
    const b = new GraphBuilder();
    const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
    const dep = b.addComponent({ ecosystem: "npm", name: "@scope/lib", version: "2.0.0" });
    const deep = b.addComponent({ ecosystem: "npm", name: "deep", version: "0.1.0" });
    b.addEdge(app, dep, "prod");
    b.addEdge(dep, deep, "prod");
    const graph = b.build(ROOT);
    const byName = Object.fromEntries(graph.components.map((c) => [c.name, c]));
    expect(byName["@scope/lib"]?.direct).toBe(true);
    expect(byName.deep?.direct).toBe(false);
    expect(byName["@scope/lib"]?.purl).toBe("pkg:npm/%40scope/lib@2.0.0");
    expect(graph.edges).toContainEqual({ from: "tollgate:root", to: app, kind: "prod" });
  });

  it("computes scopes from edge kinds when the lockfile does not state them", () => {
    const b = new GraphBuilder();
    const app = b.addComponent({ ecosystem: "crates.io", name: "app", version: "1.0.0", role: "root" });
    const prod = b.addComponent({ ecosystem: "crates.io", name: "serde", version: "1.0.0" });
    const dev = b.addComponent({ ecosystem: "crates.io", name: "criterion", version: "0.5.0" });
    const opt = b.addComponent({ ecosystem: "crates.io", name: "libc", version: "0.2.0" });
    const shared = b.addComponent({ ecosystem: "crates.io", name: "cfg-if", version: "1.0.0" });
    b.addEdge(app, prod, "prod");
    b.addEdge(app, dev, "dev");
    b.addEdge(app, opt, "optional");
    b.addEdge(dev, shared, "prod");
    b.addEdge(prod, shared, "prod");
    const scopes = Object.fromEntries(b.build(ROOT).components.map((c) => [c.name, c.scope]));
    expect(scopes).toEqual({
      app: "required",
      serde: "required",
      criterion: "development",
      libc: "optional",
      "cfg-if": "required",
    });
  });

  it("keeps a scope the lockfile states over the computed one", () => {
    const b = new GraphBuilder();
    const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
    const dep = b.addComponent({ ecosystem: "npm", name: "jest", version: "29.0.0", scope: "development" });
    b.addEdge(app, dep, "prod");
    expect(b.build(ROOT).components.find((c) => c.name === "jest")?.scope).toBe("development");
  });

  it("keeps a direct flag the lockfile states over the one computed from edges (go.mod // indirect)", () => {
    const b = new GraphBuilder();
    const mod = b.addComponent({ ecosystem: "Go", name: "example.com/app", version: "", role: "root" });
    const indirect = b.addComponent({ ecosystem: "Go", name: "golang.org/x/sys", version: "v0.1.0", direct: false });
    b.addComponent({ ecosystem: "Go", name: "golang.org/x/text", version: "v0.3.0", direct: true });
    b.addEdge(mod, indirect, "prod");
    const byName = Object.fromEntries(b.build(ROOT).components.map((c) => [c.name, c.direct]));
    expect(byName).toEqual({ "example.com/app": false, "golang.org/x/sys": false, "golang.org/x/text": true });
  });

  it("treats a component nothing reaches as required, so it is never dropped from an audit", () => {
    const b = new GraphBuilder();
    b.addComponent({ ecosystem: "Go", name: "golang.org/x/text", version: "v0.3.0" });
    expect(b.build(ROOT).components[0]?.scope).toBe("required");
  });

  it("sorts components and edges so output is reproducible", () => {
    const b = new GraphBuilder();
    const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
    for (const name of ["zeta", "alpha", "mid"])
      b.addEdge(app, b.addComponent({ ecosystem: "npm", name, version: "1.0.0" }), "prod");
    const graph = b.build(ROOT);
    expect(graph.components.map((c) => c.name)).toEqual(["alpha", "app", "mid", "zeta"]);
    expect(graph.edges.map((e) => `${e.from} -> ${e.to}`)).toEqual([
      "pkg:npm/app@1.0.0 -> pkg:npm/alpha@1.0.0",
      "pkg:npm/app@1.0.0 -> pkg:npm/mid@1.0.0",
      "pkg:npm/app@1.0.0 -> pkg:npm/zeta@1.0.0",
      "tollgate:root -> pkg:npm/app@1.0.0",
    ]);
  });
});
