import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { declaredDependencies, declaredDependencyKinds } from "./js-manifest.js";

const FIELDS = ["dependencies", "optionalDependencies", "peerDependencies", "devDependencies", "bundleDependencies"];

describe("declaredDependencyKinds", () => {
  it("lists each string-valued dependency with its field's kind, fields in package.json order", () => {
    const entry = {
      devDependencies: { jest: "^29.0.0" },
      dependencies: { react: "^18.0.0", broken: 3 },
      peerDependencies: { "react-dom": "*" },
      optionalDependencies: "not an object",
    };
    expect(declaredDependencyKinds(entry)).toEqual([
      { name: "react", kind: "prod" },
      { name: "react-dom", kind: "peer" },
      { name: "jest", kind: "dev" },
    ]);
  });

  it("is declaredDependencies without the ranges (property)", () => {
    const value = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null));
    const deps = fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), value), value);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS), deps), (data) => {
        const expected = declaredDependencies(data).map(({ name, kind }) => ({ name, kind }));
        expect(declaredDependencyKinds(data)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
