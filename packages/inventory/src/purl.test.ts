import fc from "fast-check";
import { PackageURL } from "packageurl-js";
import { describe, expect, it } from "vitest";
import { makePurl, plainNpmPurl } from "./purl.js";

/** What packageurl-js prints for an npm package (the slow path every purl used to take). */
function viaPackageUrl(name: string, version: string | undefined): string {
  const at = name.startsWith("@") ? name.lastIndexOf("/") : -1;
  const [namespace, local] = at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
  return new PackageURL("npm", namespace, local, version || undefined, undefined, undefined).toString();
}

const plainChar = fc.constantFrom(..."abcxyz0189._~-");
const anyChar = fc.constantFrom(..."aZ09._~-+@/:% é!");
const word = (chars: fc.Arbitrary<string>) => fc.string({ unit: chars, minLength: 1, maxLength: 8 });
const npmName = (chars: fc.Arbitrary<string>) =>
  fc.tuple(fc.option(word(chars), { nil: undefined }), word(chars)).map(([scope, n]) => (scope ? `@${scope}/${n}` : n));

describe("plainNpmPurl", () => {
  it("prints a scoped npm package with its @ percent-encoded", () => {
    expect(plainNpmPurl("@babel/core", "7.24.0")).toBe("pkg:npm/%40babel/core@7.24.0");
  });

  it("keeps a build-metadata + as is and leaves out an empty version", () => {
    expect(plainNpmPurl("left-pad", "1.0.0-rc.1+build.5")).toBe("pkg:npm/left-pad@1.0.0-rc.1+build.5");
    expect(plainNpmPurl("left-pad", "")).toBe("pkg:npm/left-pad");
  });

  it("declines names and versions packageurl-js would normalise or encode", () => {
    expect(plainNpmPurl("Left-Pad", "1.0.0")).toBeUndefined();
    expect(plainNpmPurl("@s/a/b", "1.0.0")).toBeUndefined();
    expect(plainNpmPurl("a", "1.0.0 || 2")).toBeUndefined();
  });

  it("gives exactly packageurl-js's purl whenever it answers (property)", () => {
    fc.assert(
      fc.property(npmName(plainChar), fc.option(fc.string({ unit: anyChar, maxLength: 10 })), (name, version) => {
        const plain = plainNpmPurl(name, version ?? undefined);
        if (plain !== undefined) expect(plain).toBe(viaPackageUrl(name, version ?? undefined));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("makePurl", () => {
  it("gives packageurl-js's purl for any npm name and version (property)", () => {
    fc.assert(
      fc.property(npmName(anyChar), fc.string({ unit: anyChar, maxLength: 10 }), (name, version) => {
        let expected: string | Error;
        try {
          expected = viaPackageUrl(name, version);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => makePurl("npm", name, version)).toThrow();
        else expect(makePurl("npm", name, version)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
