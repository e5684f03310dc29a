import type { Ecosystem, EdgeKind, HashAlgorithm, Scope } from "@tollgate/inventory";
import { GraphBuilder } from "@tollgate/inventory";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { graphFromCycloneDx } from "./cyclonedx/read.js";
import { toCycloneDx } from "./cyclonedx/write.js";
import { graphFromSpdx } from "./spdx/read.js";
import { toSpdx } from "./spdx/write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,7}$/);
const nameOf: Record<string, fc.Arbitrary<string>> = {
  npm: fc.oneof(
    word,
    fc.tuple(word, word).map(([s, n]) => `@${s}/${n}`),
  ),
  "crates.io": word,
  PyPI: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,7}$/),
  Maven: fc.tuple(word, word).map(([g, a]) => `org.${g}:${a}`),
  Go: fc.tuple(word, word).map(([o, m]) => `github.com/${o}/${m}`),
};
const HASH_LENGTH: Record<HashAlgorithm, number> = {
  MD5: 32,
  "SHA-1": 40,
  "SHA-256": 64,
  "SHA-384": 96,
  "SHA-512": 128,
};
const hash = fc
  .constantFrom<HashAlgorithm>("SHA-1", "SHA-256", "SHA-512")
  .chain((alg) =>
    fc.stringMatching(new RegExp(`^[0-9a-f]{${HASH_LENGTH[alg]}}$`)).map((content) => ({ alg, content })),
  );

const component = fc.constantFrom<Ecosystem>("npm", "crates.io", "PyPI", "Maven", "Go").chain((ecosystem) =>
  fc.record(
    {
      ecosystem: fc.constant(ecosystem),
      name: nameOf[ecosystem] as fc.Arbitrary<string>,
      version: fc.stringMatching(/^[0-9]\.[0-9]{1,2}\.[0-9]$/),
      role: fc.constantFrom("dependency", "dependency", "root", "workspace") as fc.Arbitrary<
        "dependency" | "root" | "workspace"
      >,
      scope: fc.constantFrom<Scope>("required", "optional", "development"),
      hashes: fc.array(hash, { maxLength: 2 }),
      license: fc.constantFrom(
        "MIT",
        "(MIT OR Apache-2.0)",
        "Apache-2.0 WITH LLVM-exception",
        "GPL-2.0+",
        "see LICENSE",
      ),
      source: fc.constantFrom(
        { type: "registry" as const, url: "https://registry.example.org/p.tgz" },
        { type: "git" as const, url: "git+https://example.org/r.git#0123abc" },
        { type: "file" as const, url: "../local pkg" },
        { type: "workspace" as const },
      ),
      location: fc.record({ file: fc.constantFrom("a/lock", "b:c/lock"), line: fc.integer({ min: 1, max: 9999 }) }),
      properties: fc.dictionary(
        fc.constantFrom("tollgate:npm-alias", "tollgate:go-sum-h1", "tollgate:supplier", "x:other"),
        fc.string({ maxLength: 12 }),
      ),
    },
    { requiredKeys: ["ecosystem", "name", "version", "role"] },
  ),
);

const graphs = fc
  .record({
    components: fc.array(component, { minLength: 1, maxLength: 12 }),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom<EdgeKind>("prod", "dev", "optional", "peer")), {
      maxLength: 30,
    }),
  })
  .map(({ components, edges }) => {
    const b = new GraphBuilder();
    const ids = components.map((c) => b.addComponent(c));
    for (const [from, to, kind] of edges)
      b.addEdge(ids[from % ids.length] as string, ids[to % ids.length] as string, kind);
    b.addLockfile({ path: "dir with space/package-lock.json", format: "npm-package-lock", ecosystem: "npm" });
    return b.build({ id: "tollgate:root", name: "project" });
  });

describe("reading back any graph Tollgate writes", () => {
  it("gives the same graph from CycloneDX", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const doc = JSON.parse(JSON.stringify(toCycloneDx(graph, OPTIONS)));
        expect(graphFromCycloneDx(doc, "sbom.cdx.json")).toEqual(graph);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same graph from SPDX", () => {
    fc.assert(
      fc.property(graphs, (graph) => {
        const doc = JSON.parse(JSON.stringify(toSpdx(graph, OPTIONS)));
        expect(graphFromSpdx(doc, "sbom.spdx.json")).toEqual(graph);
      }),
      { numRuns: 150 },
    );
  });
});
