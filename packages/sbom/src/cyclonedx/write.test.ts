import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import { describe, expect, it } from "vitest";
import { sampleGraph } from "../__tests__/sample-graph.js";
import { serializeSbom } from "../shared/serialize.js";
import { cycloneDxChunks, toCycloneDx, toCycloneDxBom } from "./write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };
type Json = Record<string, unknown> & { properties?: Array<{ name: string; value: string }> };

function component(name: string): Json {
  const found = toCycloneDx(sampleGraph(), OPTIONS).components.find((c) => c.name === name);
  if (!found) throw new Error(`no component ${name}`);
  return found as Json;
}

describe("toCycloneDx", () => {
  it("records the NTIA minimum elements of the document: author, tool and timestamp", () => {
    const metadata = toCycloneDx(sampleGraph(), { ...OPTIONS, author: "ACME Release Team" }).metadata as Json;
    expect(metadata.timestamp).toBe("2024-05-01T12:00:00.000Z");
    expect(metadata.authors).toEqual([{ name: "ACME Release Team" }]);
    expect(metadata.tools).toEqual({ components: [{ type: "application", name: "tollgate", version: "0.1.0" }] });
  });

  it("writes name, group, version, purl, hashes, license, distribution and supplier of a package", () => {
    expect(component("lib")).toMatchObject({
      type: "library",
      group: "@scope",
      name: "lib",
      version: "2.0.0",
      purl: "pkg:npm/%40scope/lib@2.0.0",
      "bom-ref": "pkg:npm/%40scope/lib@2.0.0",
      hashes: [{ alg: "SHA-512", content: "ab".repeat(64) }],
      licenses: [{ license: { id: "MIT" } }],
      supplier: { name: "Scope Inc." },
      externalReferences: [{ type: "distribution", url: "https://registry.example.org/@scope/lib/-/lib-2.0.0.tgz" }],
    });
  });

  it("marks a development dependency with scope excluded and tollgate:scope development", () => {
    const jest = component("jest");
    expect(jest.scope).toBe("excluded");
    expect(jest.properties).toContainEqual({ name: "tollgate:scope", value: "development" });
  });

  it("writes a free-text license as a named license and a compound one as an expression", () => {
    expect(component("fsevents").licenses).toEqual([{ license: { name: "Custom license, see LICENSE" } }]);
    expect(component("jest").licenses).toEqual([{ expression: "(MIT OR Apache-2.0)" }]);
  });

  it("writes every edge as a dependency, from the graph root down", () => {
    const deps = toCycloneDx(sampleGraph(), OPTIONS).dependencies as Array<{ ref: string; dependsOn?: string[] }>;
    expect(deps.find((d) => d.ref === "tollgate:root")?.dependsOn).toEqual(["pkg:npm/demo-app@1.0.0"]);
    expect(deps.find((d) => d.ref === "pkg:npm/demo-app@1.0.0")?.dependsOn).toEqual([
      "pkg:npm/%40demo/ui@0.2.0",
      "pkg:npm/%40scope/lib@2.0.0",
      "pkg:npm/fsevents@2.3.3?vcs_url=git%2Bssh%3A%2F%2Fgit%40example.org%2Ffsevents.git%23abc123",
      "pkg:npm/jest@29.0.0",
    ]);
  });

  it("sorts components by bom-ref in code-unit order", () => {
    const refs = toCycloneDx(sampleGraph(), OPTIONS).components.map((c) => String(c["bom-ref"]));
    expect(refs).toEqual([...refs].sort());
  });

  it("gives the same bytes for the same graph and time", () => {
    expect(serializeSbom(toCycloneDx(sampleGraph(), OPTIONS))).toBe(serializeSbom(toCycloneDx(sampleGraph(), OPTIONS)));
  });

  it("derives the serial number from the content, so another time gives another one", () => {
    const a = toCycloneDx(sampleGraph(), OPTIONS).serialNumber;
    const b = toCycloneDx(sampleGraph(), { ...OPTIONS, timestamp: new Date("2024-05-02T12:00:00Z") }).serialNumber;
    expect(a).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });
});

describe("the streamed CycloneDX text", () => {
  it("is exactly serializeSbom of the document", () => {
    const graph = sampleGraph();
    expect(Buffer.concat(cycloneDxChunks(graph, OPTIONS)).toString("utf8")).toBe(
      serializeSbom(toCycloneDx(graph, OPTIONS)),
    );
  });

  it("holds what the library's own JsonSerializer makes of the whole Bom model", () => {
    const graph = sampleGraph();
    const bom = toCycloneDxBom(graph, OPTIONS);
    const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
    const theirs = JSON.parse(serializer.serialize(bom, { sortLists: true }));
    const ours = toCycloneDx(graph, OPTIONS) as Record<string, unknown>;
    const byRef = (list: unknown) =>
      [...(list as Array<Record<string, unknown>>)].sort((a, b) =>
        String(a["bom-ref"] ?? a.ref) < String(b["bom-ref"] ?? b.ref) ? -1 : 1,
      );
    expect(byRef(ours.components)).toEqual(byRef(theirs.components));
    expect(byRef(ours.dependencies)).toEqual(byRef(theirs.dependencies));
    expect(ours.metadata).toEqual(theirs.metadata);
  });
});
