import { beforeAll, describe, expect, it } from "vitest";
import type { DependencyGraph } from "../../model.js";
import { byPurl, corpusDir, edgesOf, readWith } from "../__tests__/js-fixtures.js";
import { pnpmReader } from "./pnpm-reader.js";

const PREFIXES = [
  "vitejs__vite@efc8979a2d", // 5.4
  "vitejs__vite@fd9de0473e", // 6.0
  "vitejs__vite", // 9.0
  "changesets__changesets", // 9.0
  "typescript-eslint__typescript-eslint", // 9.0, two YAML documents
] as const;
const graphs = new Map<string, DependencyGraph>();
beforeAll(async () => {
  for (const prefix of PREFIXES) {
    graphs.set(prefix, await readWith(await corpusDir("pnpm", prefix, "pnpm-lock.yaml"), [pnpmReader]));
  }
}, 120_000);
const graph = (prefix: (typeof PREFIXES)[number]) => graphs.get(prefix) as DependencyGraph;
const count = (g: DependencyGraph, role: string) => g.components.filter((c) => c.role === role).length;

describe("pnpm corpus lockfiles", () => {
  // Component counts: one per `packages` key, less peer variants of one name@version (merged into
  // one component), plus `link:` targets that are not importers (vite links two source directories).
  it("reads vite's 5.4 lockfile: 1,088 package keys → 1,082 packages + 2 links, 141 workspaces", () => {
    expect(count(graph("vitejs__vite@efc8979a2d"), "dependency")).toBe(1084);
    expect(count(graph("vitejs__vite@efc8979a2d"), "workspace")).toBe(141);
  });

  it("reads vite's 6.0 lockfile: 1,134 package keys → 1,133 packages + 2 links, 195 workspaces", () => {
    expect(count(graph("vitejs__vite@fd9de0473e"), "dependency")).toBe(1135);
    expect(count(graph("vitejs__vite@fd9de0473e"), "workspace")).toBe(195);
  });

  it("reads the 9.0 lockfiles of vite, changesets and typescript-eslint: one component per packages key", () => {
    expect(count(graph("vitejs__vite"), "dependency")).toBe(1405);
    expect(count(graph("changesets__changesets"), "dependency")).toBe(484);
    expect(count(graph("changesets__changesets"), "workspace")).toBe(23);
    expect(count(graph("typescript-eslint__typescript-eslint"), "dependency")).toBe(2047);
    expect(count(graph("typescript-eslint__typescript-eslint"), "workspace")).toBe(19);
  });

  it("names the root from package.json beside the lockfile", () => {
    const roots = graph("changesets__changesets").components.filter((c) => c.role === "root");
    expect(roots.map((c) => c.purl)).toEqual(["pkg:npm/%40changesets/repository@1.0.0"]);
  });

  it("5.4: strips the `_peer` suffix and keeps hashes, flags and edges", () => {
    const g = graph("vitejs__vite@efc8979a2d");
    const algolia = byPurl(g, "pkg:npm/%40algolia/autocomplete-preset-algolia@1.7.2");
    expect(algolia).toMatchObject({
      scope: "development",
      properties: { "tollgate:pnpm-peers": "algoliasearch@4.13.1" },
      locations: [{ file: "pnpm-lock.yaml", line: 1111 }],
      hashes: [
        {
          alg: "SHA-512",
          content:
            "f916041ba0744221867d16f61b732d3dfcab9747402c5ddc40d4d6073057ea9e68d35bc20864d38a7026d94286ded7dcd829ce300b673cb933359c895299d527",
        },
      ],
    });
    expect(edgesOf(g, algolia.id)).toEqual([
      "prod pkg:npm/%40algolia/autocomplete-shared@1.7.2",
      "prod pkg:npm/algoliasearch@4.13.1",
    ]);
  });

  it("6.0: merges the two peer variants of @rollup/pluginutils into one component", () => {
    const g = graph("vitejs__vite@fd9de0473e");
    const utils = byPurl(g, "pkg:npm/%40rollup/pluginutils@5.1.0");
    expect(utils.properties).toEqual({ "tollgate:pnpm-peers": "(rollup@3.29.2) (rollup@4.2.0)" });
    expect(utils.locations).toEqual([
      { file: "pnpm-lock.yaml", line: 3906 },
      { file: "pnpm-lock.yaml", line: 3921 },
    ]);
    expect(edgesOf(g, utils.id)).toContain("prod pkg:npm/rollup@4.2.0");
    expect(edgesOf(g, utils.id)).toContain("prod pkg:npm/rollup@3.29.2");
  });

  it("6.0: a package whose peer is satisfied by a workspace (`vite: link:packages/vite`) has an edge to it", () => {
    const g = graph("vitejs__vite@fd9de0473e");
    const vite = g.components.find((c) => c.role === "workspace" && c.source?.url === "packages/vite");
    expect(vite?.purl).toBe("pkg:npm/vite");
    expect(edgesOf(g, "pkg:npm/vite-node@1.3.1")).toContain("prod pkg:npm/vite");
  });

  it("9.0: follows an alias reference (`debug: obug@1.0.2(ms@2.1.3)`) and optional snapshot edges", () => {
    const g = graph("vitejs__vite");
    expect(edgesOf(g, "pkg:npm/%40babel/core@7.29.7")).toContain("prod pkg:npm/obug@1.0.2");
    const obug = byPurl(g, "pkg:npm/obug@1.0.2");
    expect(obug.locations).toEqual([{ file: "pnpm-lock.yaml", line: 6731 }]);
    expect(obug.hashes[0]?.content).toBe(
      "43728f3051cb989e0a10da63dc7364cd4ee79e09ab817aebee1d7d0c7c7ff3e84d003d92b7acf36fc31a99f8f7573ad54db8e7232bbde16c0f04ee72001fa409",
    );
    expect(edgesOf(g, obug.id)).toEqual(["optional pkg:npm/ms@2.1.3"]);
  });

  it("9.0: a directory dependency is a file source with its path as download_url", () => {
    const g = graph("vitejs__vite");
    const dir = "playground/alias/dir/module";
    const module = byPurl(g, `pkg:npm/%40vitejs/test-aliased-module?download_url=${encodeURIComponent(`file:${dir}`)}`);
    expect(module.source).toEqual({ type: "file", url: dir });
  });
});
