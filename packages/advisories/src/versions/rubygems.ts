import { compareDigits, compareStrings, isDigits } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** Canonical segments of a Gem::Version: digit strings (no leading zeros) and letter runs. */
export type RubyVersion = string[];

function trimZeros(segments: string[]): string[] {
  let end = segments.length;
  while (end > 0 && segments[end - 1] === "0") end--;
  return segments.slice(0, end);
}

/**
 * Gem::Version#canonical_segments: `-` reads as `.pre.`, segments are runs of digits or
 * letters, and trailing zeros are dropped from the numeric and from the string part.
 */
export function parseRuby(version: string): RubyVersion | undefined {
  const text = version.trim().replaceAll("-", ".pre.");
  if (!/^[0-9]/.test(text)) return undefined;
  const segments = (text.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (isDigits(s) ? s.replace(/^0+(?=\d)/, "") : s));
  const firstString = segments.findIndex((s) => !isDigits(s));
  if (firstString === -1) return trimZeros(segments);
  return [...trimZeros(segments.slice(0, firstString)), ...trimZeros(segments.slice(firstString))];
}

/** Gem::Version#<=>: missing segments are 0, strings sort before numbers, numbers at any size. */
export function compareRuby(a: RubyVersion, b: RubyVersion): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? "0";
    const y = b[i] ?? "0";
    if (x === y) continue;
    const xn = isDigits(x);
    const yn = isDigits(y);
    if (xn !== yn) return xn ? 1 : -1;
    return xn ? compareDigits(x, y) : compareStrings(x, y);
  }
  return 0;
}

/** RubyGems' Gem::Version ordering (lenient about letters glued to numbers, as OSV is). */
export const rubygemsScheme: VersionScheme<RubyVersion> = {
  name: "Gem::Version",
  parse: parseRuby,
  compare: compareRuby,
  canonical: (v) => v.join("."),
};
