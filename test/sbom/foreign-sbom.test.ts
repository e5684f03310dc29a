import { readSbom } from "@tollgate/sbom";
import { describe, expect, it } from "vitest";

/**
 * SBOMs written by another tool: `npm sbom --package-lock-only` (npm 11.19.1) of the
 * sigstore-js lockfile in the corpus, in both formats, kept verbatim in ./fixtures.
 */
const CDX = new URL("fixtures/sigstore-js.npm-sbom.cdx.json", import.meta.url).pathname;
const SPDX = new URL("fixtures/sigstore-js.npm-sbom.spdx.json", import.meta.url).pathname;
const ROOT = "pkg:npm/sigstore-monorepo@0.0.0";

describe("reading npm sbom's CycloneDX 1.5", () => {
  it("keeps every component it lists: 863 packages plus the project", async () => {
    const graph = await readSbom(CDX);
    expect(graph.components).toHaveLength(864);
    expect(graph.warnings).toEqual([]);
  });

  it("makes the described project a root component whose dependsOn are the direct dependencies", async () => {
    const graph = await readSbom(CDX);
    expect(graph.components.filter((c) => c.role === "root").map((c) => c.id)).toEqual([ROOT]);
    const direct = graph.edges.filter((e) => e.from === ROOT).map((e) => e.to);
    expect(direct).toHaveLength(24);
    expect(direct).toContain("pkg:npm/jest@30.4.2");
    expect(graph.components.filter((c) => c.direct)).toHaveLength(24);
  });

  it("reads npm's development marker as the development scope", async () => {
    const graph = await readSbom(CDX);
    const jest = graph.components.find((c) => c.id === "pkg:npm/jest@30.4.2");
    expect(jest?.scope).toBe("development");
    expect(jest?.properties["cdx:npm:package:development"]).toBe("true");
  });

  it("names a package by its purl when npm writes a workspace's folder name instead", async () => {
    const graph = await readSbom(CDX);
    expect(graph.components.find((c) => c.id === "pkg:npm/%40sigstore/jest@0.0.0")?.name).toBe("@sigstore/jest");
  });
});

describe("reading npm sbom's SPDX 2.3", () => {
  it("lists the same packages as its CycloneDX twin", async () => {
    const [spdx, cdx] = await Promise.all([readSbom(SPDX), readSbom(CDX)]);
    expect(spdx.components.map((c) => c.id)).toEqual(cdx.components.map((c) => c.id));
  });

  it("reads DEV_DEPENDENCY_OF as a dev edge of the described project", async () => {
    const graph = await readSbom(SPDX);
    expect(graph.edges).toContainEqual({ from: ROOT, to: "pkg:npm/jest@30.4.2", kind: "dev" });
  });

  it("reads PREREQUISITE_FOR (npm's peer dependencies) as a peer edge", async () => {
    const graph = await readSbom(SPDX);
    expect(graph.edges).toContainEqual({
      from: "pkg:npm/%40babel/helper-module-transforms@7.28.6",
      to: "pkg:npm/%40babel/core@7.29.0",
      kind: "peer",
    });
  });
});
