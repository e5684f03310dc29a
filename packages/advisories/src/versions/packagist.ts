import { compareDigits, isDigits, stripZeros } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/**
 * Splits a version as PHP's version_compare canonicalises it: `-`, `_`, `+` become
 * dots and a dot is put between runs of digits and non-digits; a leading `v` is dropped.
 */
export function canonicalPackagist(version: string): string[] {
  let v = version.length > 1 && (version[0] === "v" || version[0] === "V") ? version.slice(1) : version;
  v = v.replace(/[-_+]/g, ".");
  v = v.replace(/([^\d.])(?=\d)/g, "$1.").replace(/(\d)(?=[^\d.])/g, "$1.");
  return v.split(".");
}

// PHP's special forms in version_compare: anything else ranks below "dev".
const SPECIAL: ReadonlyArray<[string, number]> = [
  ["dev", 0],
  ["alpha", 1],
  ["a", 1],
  ["beta", 2],
  ["b", 2],
  ["RC", 3],
  ["rc", 3],
  ["#", 4],
  ["pl", 5],
  ["p", 5],
];

function weight(form: string): number {
  for (const [prefix, order] of SPECIAL) if (form.startsWith(prefix)) return order;
  return -1;
}

function compareSpecial(a: string, b: string): number {
  return Math.sign(weight(a) - weight(b));
}

/** Compares canonical component lists as PHP's version_compare does (numbers above special forms but "pl"). */
export function comparePackagist(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const xn = isDigits(x);
    const yn = isDigits(y);
    const c =
      xn && yn ? compareDigits(x, y) : xn ? compareSpecial("#", y) : yn ? compareSpecial(x, "#") : compareSpecial(x, y);
    if (c !== 0) return c;
  }
  if (a.length > b.length) return isDigits(a[b.length] as string) ? 1 : comparePackagist(a.slice(b.length), ["#"]);
  if (a.length < b.length) return isDigits(b[a.length] as string) ? -1 : comparePackagist(["#"], b.slice(a.length));
  return 0;
}

/** Packagist (Composer) ordering: PHP version_compare over the canonical form. */
export const packagistScheme: VersionScheme<string[]> = {
  name: "Packagist",
  parse: (version) => (/\d/.test(version) || version.startsWith("dev-") ? canonicalPackagist(version) : undefined),
  compare: comparePackagist,
  canonical: (v) => v.map((p) => (isDigits(p) ? stripZeros(p) : p)).join("."),
};
