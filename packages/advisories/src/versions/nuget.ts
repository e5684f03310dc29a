import { compareDigits, compareStrings, isDigits, sign, stripZeros } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** A NuGet version: four numeric parts and a case-insensitive pre-release; metadata ignored. */
export interface NugetVersion {
  parts: [string, string, string, string];
  prerelease: string[];
}

const PATTERN =
  /^[vV]?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-.]*)?$/;

/** Parses NuGet's version grammar (SemVer 2.0 with an optional fourth part and leading zeros allowed). */
export function parseNuget(version: string): NugetVersion | undefined {
  const m = PATTERN.exec(version.trim());
  if (!m) return undefined;
  return {
    parts: [m[1] ?? "0", m[2] ?? "0", m[3] ?? "0", m[4] ?? "0"],
    prerelease: m[5] ? m[5].toLowerCase().split(".") : [],
  };
}

/** NuGet's VersionComparer: numeric parts, then release above pre-release, labels case-insensitively. */
export function compareNuget(a: NugetVersion, b: NugetVersion): number {
  for (let i = 0; i < 4; i++) {
    const c = compareDigits(a.parts[i] as string, b.parts[i] as string);
    if (c !== 0) return c;
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return sign(b.prerelease.length - a.prerelease.length);
  }
  const n = Math.min(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i] as string;
    const y = b.prerelease[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c = xn && yn ? compareDigits(x, y) : xn ? -1 : yn ? 1 : compareStrings(x, y);
    if (c !== 0) return c;
  }
  return sign(a.prerelease.length - b.prerelease.length);
}

/** NuGet's ordering. */
export const nugetScheme: VersionScheme<NugetVersion> = {
  name: "NuGet",
  parse: parseNuget,
  compare: compareNuget,
  canonical: (v) =>
    `${v.parts.map(stripZeros).join(".")}${v.prerelease.length ? `-${v.prerelease.map((p) => (isDigits(p) ? stripZeros(p) : p)).join(".")}` : ""}`,
};
