import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../file/load.js";
import { versionMatches } from "./match.js";

describe("versionMatches", () => {
  it("reads npm ranges with node-semver, prereleases included", () => {
    expect(versionMatches("npm", "5.7.2", "<6")).toBe(true);
    expect(versionMatches("npm", "6.0.0-rc.1", ">=6.0.0-0 <7")).toBe(true);
    expect(versionMatches("npm", "7.5.4", "^6.0.0")).toBe(false);
  });

  it("orders PyPI versions by PEP 440, not as text", () => {
    expect(versionMatches("PyPI", "2.10.0", ">=2.9, <3")).toBe(true);
    expect(versionMatches("PyPI", "3.0.0rc1", "<3")).toBe(true);
    expect(versionMatches("PyPI", "3.0", "<3")).toBe(false);
  });

  it("orders Maven versions by Maven's rules", () => {
    expect(versionMatches("Maven", "2.17.1", "<2.17.2")).toBe(true);
    expect(versionMatches("Maven", "2.17.10", "<2.17.2")).toBe(false);
  });

  it("matches an exact version literally", () => {
    expect(versionMatches("Go", "v1.2.3", "v1.2.3")).toBe(true);
    expect(versionMatches("Go", "v1.2.4", "v1.2.3")).toBe(false);
  });

  it("agrees with itself: a version is inside exactly one of <v and >=v", () => {
    const part = fc.integer({ min: 0, max: 30 });
    const version = fc.tuple(part, part, part).map((p) => p.join("."));
    fc.assert(
      fc.property(
        version,
        version,
        (a, b) => versionMatches("PyPI", a, `<${b}`) !== versionMatches("PyPI", a, `>=${b}`),
      ),
    );
  });
});

describe("version ranges in the policy", () => {
  it("need an ecosystem, since ordering depends on it", () => {
    const text = "version: 1\nbans:\n  deny:\n    - name: x\n      version: '<2'\n      reason: r\n";
    expect(() => parsePolicy(text, "tollgate.yml")).toThrow(
      'bans.deny[0].version: version range "<2" needs an `ecosystem`: ranges are compared in that ecosystem\'s version ordering',
    );
  });

  it("are rejected when they do not parse for the ecosystem", () => {
    const text =
      "version: 1\nbans:\n  deny:\n    - name: x\n      ecosystem: PyPI\n      version: '~=~2'\n      reason: r\n";
    expect(() => parsePolicy(text, "tollgate.yml")).toThrow(/is not a comparator list/);
  });
});
