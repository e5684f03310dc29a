import { describe, expect, it } from "vitest";
import { sampleGraph } from "./__tests__/sample-graph.js";
import { countByEcosystem, renderSbomSummary } from "./summary.js";

describe("the SBOM job summary", () => {
  it("counts dependencies per ecosystem, leaving out project roots and workspaces", () => {
    expect(countByEcosystem(sampleGraph())).toEqual([{ ecosystem: "npm", components: 4, direct: 4, development: 1 }]);
  });

  it("lists the files, the counts and every direct dependency", () => {
    expect(renderSbomSummary(sampleGraph(), { "cyclonedx-json": "out/sbom.cdx.json" })).toBe(
      [
        "## SBOM of demo",
        "",
        "4 components from 1 lockfile(s).",
        "",
        "- cyclonedx-json: `out/sbom.cdx.json`",
        "",
        "| ecosystem | components | direct | development |",
        "| --- | ---: | ---: | ---: |",
        "| npm | 4 | 4 | 1 |",
        "",
        "### Direct dependencies (4)",
        "",
        "| name | version | ecosystem | scope |",
        "| --- | --- | --- | --- |",
        "| @scope/lib | 2.0.0 | npm | required |",
        "| fsevents | 2.3.3 | npm | optional |",
        "| jest | 29.0.0 | npm | development |",
        "| react | 18.2.0 | npm | required |",
        "",
      ].join("\n"),
    );
  });
});
