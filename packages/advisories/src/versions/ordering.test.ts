import { create } from "@renovatebot/ruby-semver/dist/ruby/version.js";
import fc from "fast-check";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { findScheme } from "./ecosystems.js";
import { compareRuby, parseRuby } from "./rubygems.js";
import type { VersionScheme } from "./scheme.js";
import { compareSemver, parseSemver } from "./semver.js";

const num = fc.integer({ min: 0, max: 30 }).map(String);
const word = fc.constantFrom(
  "alpha",
  "beta",
  "rc",
  "a",
  "b",
  "dev",
  "pre",
  "post",
  "sp",
  "ga",
  "final",
  "snapshot",
  "x",
);
const sep = fc.constantFrom(".", "-", "");
/** Version-looking strings: a number, then numbers and words joined by separators. */
const versionLike = fc
  .tuple(num, fc.array(fc.tuple(sep, fc.oneof(num, word)), { maxLength: 5 }))
  .map(([head, tail]) => head + tail.map(([s, p]) => s + p).join(""));

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Dotted (and for CRAN dashed) number lists. */
const numberList = fc
  .array(fc.tuple(num, fc.constantFrom(".", "-")), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([n, s], i) => (i === 0 ? n : `${s}${n}`)).join(""));

function versionsOf(ecosystem: string) {
  const scheme = findScheme(ecosystem) as VersionScheme;
  const source =
    ecosystem === "Hackage"
      ? numberList.map((v) => v.replaceAll("-", "."))
      : ecosystem === "CRAN"
        ? numberList
        : versionLike;
  // apk compares versions it cannot read as plain text, which is not consistent with how it
  // orders readable ones; the order properties hold for readable versions only.
  return source
    .map((v) => scheme.parse(v))
    .filter((v) => v !== undefined && !(ecosystem === "Alpine" && (v as { invalid: boolean }).invalid));
}

function checkOrdering(ecosystem: string): void {
  const scheme = findScheme(ecosystem) as VersionScheme;
  const parsed = versionsOf(ecosystem);
  it(`${ecosystem}: compare is antisymmetric`, () => {
    fc.assert(fc.property(parsed, parsed, (a, b) => sign(scheme.compare(a, b)) === -sign(scheme.compare(b, a))));
  });
  it(`${ecosystem}: compare is transitive`, () => {
    fc.assert(
      fc.property(parsed, parsed, parsed, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => scheme.compare(p, q));
        return scheme.compare(x, y) <= 0 && scheme.compare(y, z) <= 0 && scheme.compare(x, z) <= 0;
      }),
    );
  });
  it(`${ecosystem}: every version equals itself`, () => {
    fc.assert(fc.property(parsed, (a) => scheme.compare(a, a) === 0));
  });
}

describe("orderings are total orders", () => {
  for (const ecosystem of [
    "npm",
    "PyPI",
    "RubyGems",
    "Maven",
    "NuGet",
    "Packagist",
    "Pub",
    "Hackage",
    "CRAN",
    "Debian",
    "Red Hat",
    "Alpine",
  ]) {
    checkOrdering(ecosystem);
  }
});

describe("agreement with the reference libraries", () => {
  const strictSemver = fc
    .tuple(num, num, num, fc.option(fc.array(fc.oneof(num, word), { minLength: 1, maxLength: 3 }), { nil: undefined }))
    .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre.join(".")}` : ""}`)
    .filter((v) => semver.valid(v) !== null);

  it("SemVer agrees with the semver package on valid versions", () => {
    fc.assert(
      fc.property(strictSemver, strictSemver, (a, b) => {
        const ours = sign(compareSemver(parseSemver(a) as never, parseSemver(b) as never));
        return ours === semver.compare(a, b);
      }),
    );
  });

  const rubyValid = versionLike.filter((v) => /^[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/.test(v));
  it("RubyGems agrees with @renovatebot/ruby-semver on versions Ruby accepts", () => {
    fc.assert(
      fc.property(rubyValid, rubyValid, (a, b) => {
        const ours = sign(compareRuby(parseRuby(a) as never, parseRuby(b) as never));
        return ours === sign(create(a).compare(create(b)));
      }),
    );
  });

  it("SemVer compares numbers beyond 2^53 exactly", () => {
    const a = parseSemver("9007199254740993.0.0");
    const b = parseSemver("9007199254740992.0.0");
    expect(compareSemver(a as never, b as never)).toBe(1);
  });

  it("Go pseudo-versions order before the release they precede and +incompatible is ignored", () => {
    const scheme = findScheme("Go") as VersionScheme;
    const p = (v: string) => scheme.parse(v);
    expect(scheme.compare(p("v0.0.0-20210101000000-abcdefabcdef"), p("v0.0.0-20220101000000-abcdefabcdef"))).toBe(-1);
    expect(scheme.compare(p("v1.2.4-0.20210101000000-abcdefabcdef"), p("v1.2.4"))).toBe(-1);
    expect(scheme.compare(p("v2.0.0+incompatible"), p("v2.0.0"))).toBe(0);
  });
});

describe("canonical forms", () => {
  for (const ecosystem of [
    "npm",
    "PyPI",
    "RubyGems",
    "Maven",
    "NuGet",
    "Packagist",
    "Pub",
    "Hackage",
    "CRAN",
    "Debian",
    "Red Hat",
    "Alpine",
  ]) {
    const scheme = findScheme(ecosystem) as VersionScheme;
    const parsed = versionsOf(ecosystem);
    it(`${ecosystem}: equal canonical forms mean equal versions`, () => {
      fc.assert(
        fc.property(
          parsed,
          parsed,
          (a, b) => scheme.canonical(a) !== scheme.canonical(b) || scheme.compare(a, b) === 0,
        ),
      );
    });
    // version_compare equates forms like 1.2.3.# and 1.2.3; dpkg, rpm and apk skip separators they ignore.
    if (["Packagist", "Debian", "Red Hat", "Alpine"].includes(ecosystem)) continue;
    it(`${ecosystem}: equal versions have equal canonical forms`, () => {
      fc.assert(
        fc.property(
          parsed,
          parsed,
          (a, b) => scheme.compare(a, b) !== 0 || scheme.canonical(a) === scheme.canonical(b),
        ),
      );
    });
  }
});

describe("PyPI plain releases", () => {
  const pypi = findScheme("PyPI") as VersionScheme;
  const plain = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 5 }).map((parts) => parts.join("."));
  const other = fc.oneof(
    plain,
    fc.constantFrom("1.0a1", "1.0.post2", "1.0.dev3", "2!1.0", "1.0+local.7", "1.0rc1", "0.9-1", "banana-1"),
  );

  // A plain release takes a shortcut past the PEP 440 parser; with a leading "v" it goes through it.
  it("read without the PEP 440 parser, a plain release orders exactly as it does through it", () => {
    fc.assert(
      fc.property(plain, other, (release, against) => {
        const quick = pypi.parse(release);
        const full = pypi.parse(`v${release}`);
        const b = pypi.parse(against);
        expect(pypi.canonical(quick)).toBe(pypi.canonical(full));
        expect(pypi.compare(quick, full)).toBe(0);
        expect(Math.sign(pypi.compare(quick, b))).toBe(Math.sign(pypi.compare(full, b)));
      }),
      { numRuns: 1000 },
    );
  });
});
