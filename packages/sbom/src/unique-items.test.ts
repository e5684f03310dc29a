import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sampleGraph } from "./__tests__/sample-graph.js";
import { toCycloneDx } from "./cyclonedx/write.js";
import { readSbom } from "./read-sbom.js";
import {
  addLinearUniqueItems,
  canonicalJson,
  duplicatePair,
  LINEAR_UNIQUE_ITEMS,
  withLinearUniqueItems,
} from "./shared/unique-items.js";

const OPTIONS = { timestamp: new Date("2024-05-01T12:00:00Z"), toolVersion: "0.1.0" };
const SCHEMAS = [
  "cyclonedx/bom-1.4.SNAPSHOT.schema.json",
  "cyclonedx/bom-1.5.SNAPSHOT.schema.json",
  "cyclonedx/bom-1.6.SNAPSHOT.schema.json",
  "cyclonedx/spdx.SNAPSHOT.schema.json",
  "cyclonedx/jsf-0.82.SNAPSHOT.schema.json",
  "spdx-2.3.schema.json",
];

function schemaFile(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../schema/${name}`, import.meta.url), "utf8"));
}

/** Follows a JSON pointer. */
function at(document: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], document);
}

function cycloneDx() {
  const doc = toCycloneDx(sampleGraph(), OPTIONS);
  return { ...doc, dependencies: doc.dependencies as Array<{ ref: string; dependsOn?: string[] }> };
}

describe("the schema copies the validators compile", () => {
  it.each(SCHEMAS)("%s: no uniqueItems left, one linear check per uniqueItems: true of the schema", (name) => {
    const original = schemaFile(name);
    const { schema, sites } = withLinearUniqueItems(original);
    expect(JSON.stringify(schema)).not.toContain('"uniqueItems"');
    const originalText = JSON.stringify(original);
    expect(sites).toHaveLength(originalText.match(/"uniqueItems":true/g)?.length ?? 0);
    for (const site of sites) {
      expect(at(original, site)).toMatchObject({ uniqueItems: true });
      expect(at(schema, site)).toMatchObject({ [LINEAR_UNIQUE_ITEMS]: true });
    }
  });

  it("finds the 46 uniqueItems of the CycloneDX 1.6 schema, components and dependsOn among them", () => {
    const { sites } = withLinearUniqueItems(schemaFile("cyclonedx/bom-1.6.SNAPSHOT.schema.json"));
    expect(sites).toHaveLength(46);
    expect(sites).toContain("/properties/components");
    expect(sites).toContain("/properties/dependencies");
    expect(sites).toContain("/definitions/dependency/properties/dependsOn");
  });

  it("leaves a property named uniqueItems and enum values alone", () => {
    const schema = { properties: { uniqueItems: { type: "boolean" } }, enum: [{ uniqueItems: true }] };
    expect(withLinearUniqueItems(schema)).toEqual({ schema, sites: [] });
  });
});

describe("reading a CycloneDX document with duplicate items", () => {
  it("rejects a duplicated component, naming the file and the array's pointer", async () => {
    const doc = cycloneDx();
    doc.components.push(structuredClone(doc.components[1]) as (typeof doc.components)[number]);
    await expect(readSbom(JSON.stringify(doc), { shownAs: "dup.cdx.json" })).rejects.toMatchObject({
      code: "SBOM_INVALID",
      location: { file: "dup.cdx.json" },
      message:
        "dup.cdx.json breaks the CycloneDX 1.6 schema: /components must NOT have duplicate items (items ## 1 and 6 are identical)",
    });
  });

  it("rejects a duplicated dependsOn entry, naming its pointer", async () => {
    const doc = cycloneDx();
    const root = doc.dependencies.findIndex((d) => d.ref === "pkg:npm/demo-app@1.0.0");
    doc.dependencies[root]?.dependsOn?.push("pkg:npm/jest@29.0.0");
    await expect(readSbom(JSON.stringify(doc), { shownAs: "dup.cdx.json" })).rejects.toThrow(
      `dup.cdx.json breaks the CycloneDX 1.6 schema: /dependencies/${root}/dependsOn must NOT have duplicate items (items ## 3 and 4 are identical)`,
    );
  });

  it("rejects components equal but for the order of their keys", async () => {
    const doc = cycloneDx();
    const reordered = Object.fromEntries(Object.entries(structuredClone(doc.components[2]) as object).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(doc.components[2]));
    doc.components.push(reordered as (typeof doc.components)[number]);
    await expect(readSbom(JSON.stringify(doc), { shownAs: "dup.cdx.json" })).rejects.toThrow(
      "/components must NOT have duplicate items (items ## 2 and 6 are identical)",
    );
  });

  it("accepts a valid document of 20,000 components depending on each other", async () => {
    const doc = cycloneDx();
    const refs = Array.from({ length: 20_000 }, (_, i) => `pkg:npm/synthetic-${i}@1.0.${i % 7}`);
    for (const [i, ref] of refs.entries()) {
      doc.components.push({
        type: "library",
        name: `synthetic-${i}`,
        version: `1.0.${i % 7}`,
        "bom-ref": ref,
        purl: ref,
      });
      doc.dependencies.push({ ref, dependsOn: i > 0 ? [refs[i - 1] as string] : [] });
    }
    doc.dependencies.find((d) => d.ref === "tollgate:root")?.dependsOn?.push(...refs);
    const graph = await readSbom(JSON.stringify(doc), { shownAs: "big.cdx.json" });
    expect(graph.components).toHaveLength(sampleGraph().components.length + 20_000);
    expect(graph.components.filter((c) => c.name.startsWith("synthetic-"))).toHaveLength(20_000);
  }, 60_000);
});

describe("the linear uniqueItems check", () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.constantFrom(0, 1, -0, 1.5, "1", "a", "", true, false, null),
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("a", "b", "c"), tie("value"), { maxKeys: 3, noNullPrototype: true }),
    ),
  })).value;

  /** Gives, for data, the errors of ajv's own uniqueItems and those of the linear keyword, for the same schema. */
  function bothErrors(schema: Record<string, unknown>) {
    const plain = new Ajv({ strict: false }).compile(schema);
    const linearAjv = new Ajv({ strict: false });
    addLinearUniqueItems(linearAjv);
    const linear = linearAjv.compile(withLinearUniqueItems(schema).schema as object);
    const shown = (v: typeof plain, data: unknown) =>
      v(data) ? [] : (v.errors ?? []).map((e) => [e.instancePath, e.message, e.params]);
    return (data: unknown) => ({ ajv: shown(plain, data), linear: shown(linear, data) });
  }

  it("reports what ajv reports for arrays of any JSON values (pairwise comparison in ajv)", () => {
    const errors = bothErrors({ type: "array", uniqueItems: true });
    fc.assert(
      fc.property(fc.array(json, { maxLength: 8 }), (data) => {
        const { ajv, linear } = errors(data);
        expect(linear).toEqual(ajv);
      }),
      { numRuns: 500 },
    );
  });

  it("reports what ajv reports for arrays of scalar items (hashed comparison in ajv), wrong types included", () => {
    const scalar = fc.constantFrom(0, 1, 2, 2.5, "1", "2", "x", true, false, null);
    const types: unknown[] = ["string", "integer", ["number", "string"], ["boolean", "null"]];
    const errors = types.map((type) => bothErrors({ type: "array", uniqueItems: true, items: { type } }));
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 8 }), fc.constantFrom(...errors), (data, errorsOf) => {
        const { ajv, linear } = errorsOf(data);
        expect(linear).toEqual(ajv);
      }),
      { numRuns: 500 },
    );
  });

  it("reports ajv's first error when a nested array also breaks another keyword", () => {
    const schema = { type: "object", properties: { list: { type: "array", uniqueItems: true, minItems: 5 } } };
    const { ajv, linear } = bothErrors(schema)({ list: [{ a: 1 }, { a: 1 }] });
    expect(linear).toEqual(ajv);
    expect(linear[0]?.[0]).toBe("/list");
  });

  it("finds the same pair when every item's digest collides (texts are then compared)", () => {
    const collide = () => "same";
    fc.assert(
      fc.property(fc.array(json, { maxLength: 8 }), fc.boolean(), (data, scalar) => {
        const types = scalar ? ["string", "number", "boolean", "null", "integer"] : undefined;
        expect(duplicatePair(data, types, collide)).toEqual(duplicatePair(data, types));
      }),
      { numRuns: 300 },
    );
    expect(duplicatePair(["a", "b", "c", "b"], undefined, collide)).toEqual({ i: 3, j: 1 });
  });

  it("writes key-order-independent canonical JSON", () => {
    expect(canonicalJson({ b: [1, { d: null, c: "x" }], a: true })).toBe('{"a":true,"b":[1,{"c":"x","d":null}]}');
  });
});
