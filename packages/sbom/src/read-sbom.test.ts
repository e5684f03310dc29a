import { describe, expect, it } from "vitest";
import { sampleGraph } from "./__tests__/sample-graph.js";
import { toCycloneDx } from "./cyclonedx/write.js";
import { readSbom, sbomFormatOf } from "./read-sbom.js";
import { serializeSbom } from "./shared/serialize.js";
import { toSpdx } from "./spdx/write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };

describe("readSbom", () => {
  it("tells CycloneDX from SPDX by their marker fields", () => {
    expect(sbomFormatOf({ bomFormat: "CycloneDX" })).toBe("cyclonedx-json");
    expect(sbomFormatOf({ spdxVersion: "SPDX-2.3" })).toBe("spdx-json");
    expect(sbomFormatOf({ lockfileVersion: 3 })).toBeUndefined();
    expect(sbomFormatOf([])).toBeUndefined();
  });

  it("reads a document given as text", async () => {
    const graph = await readSbom(serializeSbom(toSpdx(sampleGraph(), OPTIONS)));
    expect(graph.components.map((c) => c.name)).toEqual(sampleGraph().components.map((c) => c.name));
  });

  it("fails with SBOM_PARSE naming the document when it is not JSON", async () => {
    await expect(readSbom("{ not json", { shownAs: "in.json" })).rejects.toMatchObject({
      code: "SBOM_PARSE",
      location: { file: "in.json" },
    });
  });

  it("fails with SBOM_FORMAT for JSON that is neither CycloneDX nor SPDX", async () => {
    await expect(readSbom('{"lockfileVersion": 3}', { shownAs: "package-lock.json" })).rejects.toMatchObject({
      code: "SBOM_FORMAT",
      message: "package-lock.json is neither a CycloneDX nor an SPDX JSON document",
    });
  });

  it("fails with SBOM_FORMAT naming the supported versions for CycloneDX 1.2", async () => {
    const doc = { ...toCycloneDx(sampleGraph(), OPTIONS), specVersion: "1.2" };
    await expect(readSbom(JSON.stringify(doc))).rejects.toMatchObject({
      code: "SBOM_FORMAT",
      hint: "supported CycloneDX versions are 1.4, 1.5 and 1.6 (JSON); convert with cyclonedx-cli",
    });
  });

  it("fails with SBOM_FORMAT for SPDX 2.2", async () => {
    const doc = { ...toSpdx(sampleGraph(), OPTIONS), spdxVersion: "SPDX-2.2" };
    await expect(readSbom(JSON.stringify(doc))).rejects.toMatchObject({ code: "SBOM_FORMAT" });
  });

  it("fails closed with SBOM_INVALID when a CycloneDX document breaks its schema", async () => {
    const doc = toCycloneDx(sampleGraph(), OPTIONS);
    (doc.components[0] as Record<string, unknown>).type = "gadget";
    await expect(readSbom(JSON.stringify(doc), { shownAs: "bad.cdx.json" })).rejects.toMatchObject({
      code: "SBOM_INVALID",
      location: { file: "bad.cdx.json" },
    });
  });

  it("fails closed with SBOM_INVALID when an SPDX document breaks its schema", async () => {
    const doc = toSpdx(sampleGraph(), OPTIONS) as unknown as { packages: Array<Record<string, unknown>> };
    delete doc.packages[0]?.downloadLocation;
    await expect(readSbom(JSON.stringify(doc))).rejects.toMatchObject({ code: "SBOM_INVALID" });
  });

  it("fails with SBOM_READ_FAILED naming a file that does not exist", async () => {
    await expect(readSbom("/nonexistent/sbom.cdx.json")).rejects.toMatchObject({
      code: "SBOM_READ_FAILED",
      location: { file: "/nonexistent/sbom.cdx.json" },
    });
  });

  it("warns about, and leaves out, components without a purl Tollgate can audit", async () => {
    const doc = toCycloneDx(sampleGraph(), OPTIONS);
    doc.components.push({ type: "library", name: "libc6", "bom-ref": "deb", purl: "pkg:deb/debian/libc6@2.36" });
    const graph = await readSbom(JSON.stringify(doc), { shownAs: "image.cdx.json" });
    expect(graph.components.map((c) => c.purl)).not.toContain("pkg:deb/debian/libc6@2.36");
    expect(graph.warnings).toEqual([
      {
        code: "SBOM_COMPONENT_SKIPPED",
        message:
          "component libc6 has a package type Tollgate does not audit (pkg:deb/debian/libc6@2.36); it is left out of the graph",
        location: { file: "image.cdx.json" },
      },
    ]);
  });
});
