import { describe, expect, it } from "vitest";
import { sampleGraph } from "../__tests__/sample-graph.js";
import { serializeSbom } from "../shared/serialize.js";
import type { SpdxPackage } from "./types.js";
import { spdxChunks, toSpdx } from "./write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };

function pkg(name: string): SpdxPackage {
  const found = toSpdx(sampleGraph(), OPTIONS).packages.find((p) => p.name === name);
  if (!found) throw new Error(`no package ${name}`);
  return found;
}

describe("toSpdx", () => {
  it("records the creators (organization and tool) and the creation time", () => {
    expect(toSpdx(sampleGraph(), OPTIONS).creationInfo).toEqual({
      created: "2024-05-01T12:00:00Z",
      creators: ["Organization: Tollgate", "Tool: tollgate-0.1.0"],
    });
  });

  it("writes name, version, supplier, download location, checksum, license and purl of a package", () => {
    expect(pkg("@scope/lib")).toMatchObject({
      name: "@scope/lib",
      versionInfo: "2.0.0",
      supplier: "Organization: Scope Inc.",
      downloadLocation: "https://registry.example.org/@scope/lib/-/lib-2.0.0.tgz",
      checksums: [{ algorithm: "SHA512", checksumValue: "ab".repeat(64) }],
      licenseDeclared: "MIT",
      licenseConcluded: "NOASSERTION",
      externalRefs: [
        { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: "pkg:npm/%40scope/lib@2.0.0" },
      ],
    });
  });

  it("writes NOASSERTION for what is not known", () => {
    expect(pkg("react")).toMatchObject({
      supplier: "NOASSERTION",
      downloadLocation: "NOASSERTION",
      licenseDeclared: "NOASSERTION",
    });
  });

  it("writes a free-text license as a LicenseRef with its text extracted", () => {
    const doc = toSpdx(sampleGraph(), OPTIONS);
    const ref = doc.packages.find((p) => p.name === "fsevents")?.licenseDeclared;
    expect(ref).toMatch(/^LicenseRef-Custom-license-see-LICENSE-[0-9a-f]{12}$/);
    expect(doc.hasExtractedLicensingInfos).toEqual([
      { licenseId: ref, extractedText: "Custom license, see LICENSE", name: "Custom license, see LICENSE" },
    ]);
  });

  it("marks a development dependency in an annotation and with DEV_DEPENDENCY_OF", () => {
    const doc = toSpdx(sampleGraph(), OPTIONS);
    const jest = pkg("jest");
    expect(jest.annotations?.[0]?.comment).toContain("tollgate:scope=development");
    expect(doc.relationships).toContainEqual({
      spdxElementId: jest.SPDXID,
      relationshipType: "DEV_DEPENDENCY_OF",
      relatedSpdxElement: pkg("demo-app").SPDXID,
    });
  });

  it("writes DESCRIBES, DEPENDS_ON, OPTIONAL_DEPENDENCY_OF and peer DEPENDS_ON relationships", () => {
    const types = toSpdx(sampleGraph(), OPTIONS).relationships.map((r) =>
      [r.relationshipType, r.comment].filter(Boolean).join(" "),
    );
    expect(new Set(types)).toEqual(
      new Set(["DESCRIBES", "DEPENDS_ON", "DEPENDS_ON peer dependency", "DEV_DEPENDENCY_OF", "OPTIONAL_DEPENDENCY_OF"]),
    );
  });

  it("gives the same bytes for the same graph and time", () => {
    expect(serializeSbom(toSpdx(sampleGraph(), OPTIONS))).toBe(serializeSbom(toSpdx(sampleGraph(), OPTIONS)));
  });

  it("derives documentNamespace from the content", () => {
    const a = toSpdx(sampleGraph(), OPTIONS).documentNamespace;
    const b = toSpdx({ ...sampleGraph(), edges: [] }, OPTIONS).documentNamespace;
    expect(a).toMatch(/^https:\/\/tollgate-dev\.github\.io\/spdxdocs\/demo-[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });
});

describe("the streamed SPDX text", () => {
  it("is exactly serializeSbom of the document", () => {
    expect(Buffer.concat(spdxChunks(sampleGraph(), OPTIONS)).toString("utf8")).toBe(
      serializeSbom(toSpdx(sampleGraph(), OPTIONS)),
    );
  });
});
