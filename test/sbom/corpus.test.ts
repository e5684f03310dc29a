import { basename } from "node:path";
import { defaultReaders } from "@tollgate/inventory";
import {
  cycloneDxSchemaErrors,
  loadGraph,
  readSbom,
  serializeSbom,
  spdxSchemaErrors,
  toCycloneDx,
  toSpdx,
} from "@tollgate/sbom";
import { describe, expect, it } from "vitest";
import { corpusProjects, stageProject } from "./stage-corpus.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };
const projects = await corpusProjects();

/**
 * Every project of the lockfile corpus, through both writers, the official schemas and
 * back. A project whose lockfile format has no reader registered in @tollgate/inventory
 * yet is skipped, and its test title says so; it runs as soon as the reader is added to
 * defaultReaders. Nothing else is skipped.
 */
describe.each(projects)("the SBOMs of $name", (project) => {
  const hasReader = defaultReaders.some((r) => r.matches(project.lockfile));
  const reason = hasReader ? "" : ` — SKIPPED: no reader for ${project.lockfile} is registered in defaultReaders yet`;

  it.skipIf(!hasReader)(
    `describe a non-empty graph and validate against CycloneDX 1.6, 1.5 and SPDX 2.3${reason}`,
    async () => {
      const graph = await loadGraph(await stageProject(project));
      expect(graph.components.filter((c) => c.role === "dependency").length).toBeGreaterThan(0);
      expect(await cycloneDxSchemaErrors(toCycloneDx(graph, OPTIONS), "1.6")).toEqual([]);
      expect(await cycloneDxSchemaErrors(toCycloneDx(graph, { ...OPTIONS, specVersion: "1.5" }), "1.5")).toEqual([]);
      expect(await spdxSchemaErrors(toSpdx(graph, OPTIONS))).toEqual([]);
    },
  );

  it.skipIf(!hasReader)(`read back into the same graph from both formats${reason}`, async () => {
    const dir = await stageProject(project);
    const graph = await loadGraph(dir);
    const expected = { ...graph, warnings: [] };
    const fromCdx = await readSbom(serializeSbom(toCycloneDx(graph, OPTIONS)), { shownAs: "sbom.cdx.json" });
    const fromSpdx = await readSbom(serializeSbom(toSpdx(graph, OPTIONS)), { shownAs: "sbom.spdx.json" });
    expect(fromCdx).toEqual(expected);
    expect(fromSpdx).toEqual(expected);
    expect(basename(dir)).not.toBe("");
  });
});
