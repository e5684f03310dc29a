import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LockfileReader } from "@tollgate/inventory";
import { describe, expect, it } from "vitest";
import { sampleGraph } from "./__tests__/sample-graph.js";
import { toCycloneDx } from "./cyclonedx/write.js";
import { isSbomFile, loadGraph } from "./load-graph.js";
import { serializeSbom } from "./shared/serialize.js";
import { toSpdx } from "./spdx/write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "tollgate-load-graph-"));
}

/** A reader for a made-up `demo.lock` format: one root and one dependency per line. */
const demoReader: LockfileReader = {
  format: "npm-package-lock",
  ecosystem: "npm",
  matches: (name) => name === "demo.lock",
  async read(input, graph) {
    const root = graph.addComponent({ ecosystem: "npm", name: "demo", version: "1.0.0", role: "root" });
    for (const line of input.text.split("\n").filter(Boolean)) {
      const [name, version] = line.split("@");
      graph.addEdge(root, graph.addComponent({ ecosystem: "npm", name: name ?? "", version: version ?? "" }), "prod");
    }
  },
};

describe("loadGraph", () => {
  it("reads a CycloneDX file back into the graph it was written from", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "bom.json"), serializeSbom(toCycloneDx(sampleGraph(), OPTIONS)));
    expect(await loadGraph(join(dir, "bom.json"))).toEqual(sampleGraph());
  });

  it("reads an SPDX file back into the graph it was written from", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "sbom.spdx.json"), serializeSbom(toSpdx(sampleGraph(), OPTIONS)));
    expect(await loadGraph(join(dir, "sbom.spdx.json"))).toEqual(sampleGraph());
  });

  it("applies omit to an SBOM as to lockfiles", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "bom.json"), serializeSbom(toCycloneDx(sampleGraph(), OPTIONS)));
    const graph = await loadGraph(join(dir, "bom.json"), { omit: ["development"] });
    expect(graph.components.map((c) => c.name)).not.toContain("jest");
    expect(graph.components.filter((c) => c.scope === "development")).toEqual([]);
  });

  it("reads a directory with the lockfile readers", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "demo.lock"), "left-pad@1.3.0\n");
    const graph = await loadGraph(dir, { readers: [demoReader] });
    expect(graph.components.map((c) => c.id)).toEqual(["pkg:npm/demo@1.0.0", "pkg:npm/left-pad@1.3.0"]);
  });

  it("fails closed on an SBOM without components unless allowEmpty", async () => {
    const dir = await tempDir();
    const empty = { ...sampleGraph(), components: [], edges: [] };
    await writeFile(join(dir, "bom.json"), serializeSbom(toCycloneDx(empty, OPTIONS)));
    await expect(loadGraph(join(dir, "bom.json"))).rejects.toMatchObject({ code: "NO_LOCKFILE" });
    expect((await loadGraph(join(dir, "bom.json"), { allowEmpty: true })).components).toEqual([]);
  });

  it("does not take a lockfile that happens to be JSON for an SBOM", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "package-lock.json"), '{"lockfileVersion": 3, "packages": {}}');
    expect(await isSbomFile(join(dir, "package-lock.json"))).toBe(false);
    expect(await isSbomFile(dir)).toBe(false);
  });
});
