import { describe, expect, it } from "vitest";
import { sampleGraph } from "./__tests__/sample-graph.js";
import { cycloneDxSchemaErrors } from "./cyclonedx/validate.js";
import { toCycloneDx } from "./cyclonedx/write.js";
import { spdxSchemaErrors, validateSpdx } from "./spdx/validate.js";
import { toSpdx } from "./spdx/write.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };

describe("schema validation", () => {
  it("accepts the CycloneDX 1.6 document of a graph with every feature", async () => {
    expect(await cycloneDxSchemaErrors(toCycloneDx(sampleGraph(), OPTIONS), "1.6")).toEqual([]);
  });

  it("accepts the CycloneDX 1.5 document written on request", async () => {
    const doc = toCycloneDx(sampleGraph(), { ...OPTIONS, specVersion: "1.5" });
    expect(doc.specVersion).toBe("1.5");
    expect(await cycloneDxSchemaErrors(doc, "1.5")).toEqual([]);
  });

  it("rejects a CycloneDX document whose component lacks a name", async () => {
    const doc = toCycloneDx(sampleGraph(), OPTIONS);
    delete doc.components[0]?.name;
    expect(await cycloneDxSchemaErrors(doc, "1.6")).toContain("/components/0 must have required property 'name'");
  });

  it("checks the idn-email format: an internationalized address passes, a malformed one does not", async () => {
    const withEmail = (email: string) => {
      const doc = toCycloneDx(sampleGraph(), OPTIONS);
      (doc.metadata as { authors: Array<Record<string, unknown>> }).authors[0] = { name: "Ops", email };
      return doc;
    };
    expect(await cycloneDxSchemaErrors(withEmail("jörg@exämple.org"), "1.6")).toEqual([]);
    expect(await cycloneDxSchemaErrors(withEmail("not an address"), "1.6")).toContain(
      '/metadata/authors/0/email must match format "idn-email"',
    );
  });

  it("accepts the SPDX 2.3 document of a graph with every feature", async () => {
    expect(await spdxSchemaErrors(toSpdx(sampleGraph(), OPTIONS))).toEqual([]);
  });

  it("rejects an SPDX document without creationInfo, naming the document", async () => {
    const { creationInfo: _, ...doc } = toSpdx(sampleGraph(), OPTIONS);
    await expect(validateSpdx(doc, "out/sbom.spdx.json")).rejects.toThrow(
      "out/sbom.spdx.json breaks the SPDX 2.3 schema: / must have required property 'creationInfo'",
    );
  });
});

describe("the shipped SPDX schema", () => {
  it("is the official SPDX 2.3 schema of the fixtures (reformatted only)", async () => {
    const { readFile } = await import("node:fs/promises");
    const shipped = JSON.parse(await readFile(new URL("../schema/spdx-2.3.schema.json", import.meta.url), "utf8"));
    const official = JSON.parse(
      await readFile(new URL("../../../test/fixtures/schemas/spdx-2.3.schema.json", import.meta.url), "utf8"),
    );
    expect(shipped).toEqual(official);
  });
});

describe("the shipped CycloneDX schemas", () => {
  const library = new URL("../../../node_modules/@cyclonedx/cyclonedx-library/res/schema/", import.meta.url);
  const shipped = new URL("../schema/cyclonedx/", import.meta.url);

  it.each([
    "bom-1.4.SNAPSHOT.schema.json",
    "bom-1.5.SNAPSHOT.schema.json",
    "bom-1.6.SNAPSHOT.schema.json",
    "spdx.SNAPSHOT.schema.json",
    "jsf-0.82.SNAPSHOT.schema.json",
  ])("%s is the one @cyclonedx/cyclonedx-library ships (reformatted only)", async (name) => {
    const { readFile } = await import("node:fs/promises");
    const ours = JSON.parse(await readFile(new URL(name, shipped), "utf8"));
    expect(ours).toEqual(JSON.parse(await readFile(new URL(name, library), "utf8")));
  });

  it("give the same verdicts as the library's own JsonStrictValidator", async () => {
    const { JsonStrictValidator } = await import("@cyclonedx/cyclonedx-library/Validation");
    const valid = toCycloneDx(sampleGraph(), OPTIONS);
    const invalid = toCycloneDx(sampleGraph(), OPTIONS);
    (invalid.components[0] as Record<string, unknown>).scope = "sometimes";
    for (const version of ["1.6", "1.5"] as const) {
      const theirs = new JsonStrictValidator(version as never);
      expect(await theirs.validate(JSON.stringify(valid))).toBeNull();
      expect(await cycloneDxSchemaErrors(valid, version)).toEqual([]);
      expect(await theirs.validate(JSON.stringify(invalid))).not.toBeNull();
      expect(await cycloneDxSchemaErrors(invalid, version)).toContain(
        "/components/0/scope must be equal to one of the allowed values",
      );
    }
  });
});
