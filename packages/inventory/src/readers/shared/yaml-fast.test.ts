import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, LineCounter, parseDocument, stringify } from "yaml";
import { CORPUS, HANDMADE } from "../__tests__/js-fixtures.js";
import { parseYamlFast } from "./yaml-fast.js";

/** The reference: the `yaml` package's data and key lines for depths 0 and 1. */
function reference(text: string, schema: "core" | "failsafe") {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, schema });
  const lines = new Map<string, Map<string, number>>([["", new Map()]]);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key) || pair.key.range === undefined || pair.key.range === null) continue;
      const name = String(pair.key.value);
      lines.get("")?.set(name, lineCounter.linePos(pair.key.range[0]).line);
      if (!isMap(pair.value)) continue;
      const section = new Map<string, number>();
      for (const item of pair.value.items) {
        if (isScalar(item.key) && item.key.range)
          section.set(String(item.key.value), lineCounter.linePos(item.key.range[0]).line);
      }
      lines.set(name, section);
    }
  }
  return { data: doc.toJS(), lines };
}

const files = [
  ...readdirSync(join(CORPUS, "pnpm"))
    .filter((f) => f.endsWith("pnpm-lock.yaml") && !f.startsWith("typescript-eslint"))
    .map((f) => [join(CORPUS, "pnpm", f), "core"] as const),
  ...readdirSync(join(CORPUS, "yarn-berry"))
    .filter((f) => f.endsWith("yarn.lock"))
    .map((f) => [join(CORPUS, "yarn-berry", f), "failsafe"] as const),
  [join(HANDMADE, "pnpm-v5", "pnpm-lock.yaml"), "core"] as const,
  [join(HANDMADE, "pnpm-v9", "pnpm-lock.yaml"), "core"] as const,
  [join(HANDMADE, "yarn-berry", "yarn.lock"), "failsafe"] as const,
];

describe("parseYamlFast", () => {
  for (const [file, schema] of files) {
    it(`reads ${file.split("/").pop()} exactly as the yaml package does`, () => {
      const text = readFileSync(file, "utf8");
      const fast = parseYamlFast(text, schema);
      expect(fast).toBeDefined();
      const ref = reference(text, schema);
      expect(fast?.data).toEqual(ref.data);
      expect(fast?.lines).toEqual(ref.lines);
    });
  }

  it("leaves files of several documents to the yaml package", () => {
    const text = readFileSync(join(CORPUS, "pnpm", "typescript-eslint__typescript-eslint__pnpm-lock.yaml"), "utf8");
    expect(parseYamlFast(text, "core")).toBeUndefined();
  });

  it("either declines or agrees with the yaml package on documents the yaml package writes", () => {
    const key = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom("/a@1.0.0", "@s/b@2.0.0(c@1)", "a@npm:^1, a@npm:^2"),
    );
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, scalar, tie("map"), fc.array(scalar, { maxLength: 3 })),
      map: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
    })).map;
    const style = fc.record({ flow: fc.boolean(), indentSeq: fc.boolean() });
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }),
        style,
        fc.constantFrom("core", "failsafe"),
        (data, opts, schema) => {
          const text = stringify(data, { collectionStyle: opts.flow ? "flow" : "any", indentSeq: opts.indentSeq });
          const fast = parseYamlFast(text, schema as "core" | "failsafe");
          if (fast === undefined) return;
          const ref = reference(text, schema as "core" | "failsafe");
          expect(fast.data).toEqual(ref.data);
          expect(fast.lines).toEqual(ref.lines);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
