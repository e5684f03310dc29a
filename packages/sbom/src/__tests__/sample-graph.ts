import type { DependencyGraph } from "@tollgate/inventory";
import { GraphBuilder } from "@tollgate/inventory";

/**
 * A small graph with every feature the SBOM writers map: a project root, a workspace,
 * scoped and git-sourced packages, dev/optional/peer edges, hashes, SPDX and free-text
 * licenses, locations, a supplier and extra properties. Shared by the package's tests.
 */
export function sampleGraph(): DependencyGraph {
  const b = new GraphBuilder();
  const app = b.addComponent({
    ecosystem: "npm",
    name: "demo-app",
    version: "1.0.0",
    role: "root",
    location: { file: "package-lock.json", line: 1 },
  });
  const ws = b.addComponent({ ecosystem: "npm", name: "@demo/ui", version: "0.2.0", role: "workspace" });
  const lib = b.addComponent({
    ecosystem: "npm",
    name: "@scope/lib",
    version: "2.0.0",
    license: "MIT",
    hashes: [{ alg: "SHA-512", content: "ab".repeat(64) }],
    source: { type: "registry", url: "https://registry.example.org/@scope/lib/-/lib-2.0.0.tgz" },
    location: { file: "package-lock.json", line: 12 },
    properties: { "tollgate:supplier": "Scope Inc." },
  });
  const jest = b.addComponent({
    ecosystem: "npm",
    name: "jest",
    version: "29.0.0",
    license: "(MIT OR Apache-2.0)",
    scope: "development",
    location: { file: "package-lock.json", line: 30 },
  });
  const fsevents = b.addComponent({
    ecosystem: "npm",
    name: "fsevents",
    version: "2.3.3",
    license: "Custom license, see LICENSE",
    source: { type: "git", url: "git+ssh://git@example.org/fsevents.git#abc123" },
    qualifiers: { vcs_url: "git+ssh://git@example.org/fsevents.git#abc123" },
  });
  const react = b.addComponent({
    ecosystem: "npm",
    name: "react",
    version: "18.2.0",
    hashes: [{ alg: "SHA-1", content: "cd".repeat(20) }],
    source: { type: "file", url: "../vendor/react" },
    properties: { "tollgate:npm-alias": "preact" },
  });
  b.addEdge(app, lib, "prod");
  b.addEdge(app, jest, "dev");
  b.addEdge(app, fsevents, "optional");
  b.addEdge(ws, react, "peer");
  b.addEdge(lib, react, "prod");
  b.addEdge(lib, react, "peer");
  b.addEdge(app, ws, "prod");
  b.addLockfile({ path: "package-lock.json", format: "npm-package-lock", ecosystem: "npm" });
  return b.build({ id: "tollgate:root", name: "demo" });
}
