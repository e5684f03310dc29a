import { compareDigits, compareStrings, isDigits, sign } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";
import { compareSemver, parseSemver, type SemverVersion } from "./semver.js";

/** A Dart pub version: SemVer whose build metadata also orders (a build sorts after none). */
export interface PubVersion {
  semver: SemverVersion;
  build: string[];
}

function compareIds(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

/** pub_semver's ordering: SemVer precedence, then build identifiers like pre-release ones. */
export const pubScheme: VersionScheme<PubVersion> = {
  name: "Pub",
  parse: (version) => {
    const semver = parseSemver(version);
    if (!semver) return undefined;
    const plus = semver.rest.indexOf("+");
    return { semver, build: plus === -1 ? [] : semver.rest.slice(plus + 1).split(".") };
  },
  compare: (a, b) => {
    const c = compareSemver(a.semver, b.semver);
    if (c !== 0) return c;
    if (a.build.length === 0 || b.build.length === 0) return sign(a.build.length - b.build.length);
    return compareIds(a.build, b.build);
  },
  canonical: (v) => `${v.semver.components.join(".")}-${v.semver.pre.join(".")}+${v.build.join(".")}`,
};
