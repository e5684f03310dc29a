import { compareDigits, compareStrings, isDigits, sign, stripZeros } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** A SemVer version read leniently, the way OSV compares SEMVER ranges. */
export interface SemverVersion {
  /** Numeric components as digit strings without leading zeros (any length); missing ones count as 0. */
  components: string[];
  /** Everything after the components: `-pre.release+build`, or `.4.5` past the third component. */
  rest: string;
  /** The pre-release identifiers (build metadata dropped), split once; empty for a release. */
  pre: string[];
}

/**
 * Reads a version as OSV's SEMVER type does: an optional `v`, up to three numeric
 * components (fewer count as 0, more go to the build part), then a pre-release and
 * build. Numbers may exceed 2^53. Undefined when it does not start with a digit.
 */
export function parseSemver(input: string): SemverVersion | undefined {
  const text = input.startsWith("v") ? input.slice(1) : input;
  if (text.length === 0 || !isDigits(text[0] as string)) return undefined;
  const components: string[] = [];
  let i = 0;
  let current = "";
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (c >= "0" && c <= "9") {
      current += c;
      continue;
    }
    if (current !== "") {
      components.push(current);
      current = "";
    }
    if (c !== ".") break;
  }
  if (i >= text.length && current !== "") components.push(current);
  let rest = i < text.length ? text.slice(i) : "";
  if (components.length > 3) {
    rest =
      components
        .slice(3)
        .map((c) => `.${c}`)
        .join("") + rest;
    components.length = 3;
  }
  const release = rest.split("+")[0] as string;
  const pre = release === "" ? [] : (release.startsWith("-") ? release.slice(1) : release).split(".");
  return { components: components.map(stripZeros), rest, pre };
}

function compareIdentifiers(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** Orders two lenient SemVer versions: components, then pre-release (build metadata ignored). */
export function compareSemver(a: SemverVersion, b: SemverVersion): number {
  const n = Math.max(a.components.length, b.components.length);
  for (let i = 0; i < n; i++) {
    const c = compareDigits(a.components[i] ?? "0", b.components[i] ?? "0");
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length === a.pre.length ? 0 : a.pre.length === 0 ? 1 : -1;
  return compareIdentifiers(a.pre, b.pre);
}

/** SemVer 2.0 as OSV applies it: npm, crates.io, Go (pseudo-versions, +incompatible), Hex, Pub-like ranges. */
export const semverScheme: VersionScheme<SemverVersion> = {
  name: "SemVer",
  parse: parseSemver,
  compare: compareSemver,
  canonical: (v) => {
    const parts = [0, 1, 2].map((i) => v.components[i] ?? "0").join(".");
    return v.pre.length === 0 ? parts : `${parts}-${v.pre.join(".")}`;
  },
};
