import { describe, expect, it } from "vitest";
import { sampleGraph } from "./__tests__/sample-graph.js";
import { graphFromCycloneDx } from "./cyclonedx/read.js";
import { toCycloneDx } from "./cyclonedx/write.js";
import { graphFromSpdx } from "./spdx/read.js";
import { toSpdx } from "./spdx/write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };

describe("reading back what Tollgate writes", () => {
  it("gives the same graph from CycloneDX 1.6", () => {
    const graph = sampleGraph();
    const back = graphFromCycloneDx(JSON.parse(JSON.stringify(toCycloneDx(graph, OPTIONS))), "sbom.cdx.json");
    expect(back).toEqual(graph);
  });

  it("gives the same graph from SPDX 2.3", () => {
    const graph = sampleGraph();
    const back = graphFromSpdx(JSON.parse(JSON.stringify(toSpdx(graph, OPTIONS))), "sbom.spdx.json");
    expect(back).toEqual(graph);
  });
});
