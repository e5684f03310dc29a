import { compareDigits, sign, stripZeros } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/**
 * Versions that are lists of numbers compared element by element, a longer list
 * winning over its prefix: Hackage (`1.0` < `1.0.0`) and CRAN (`.` or `-` separators).
 */
function numericList(name: string, separators: RegExp): VersionScheme<string[]> {
  return {
    name,
    parse: (version) => {
      const parts = version.trim().split(separators);
      return parts.every((p) => /^\d+$/.test(p)) ? parts.map(stripZeros) : undefined;
    },
    compare: (a, b) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = compareDigits(a[i] as string, b[i] as string);
        if (c !== 0) return c;
      }
      return sign(a.length - b.length);
    },
    canonical: (v) => v.join("."),
  };
}

/** Hackage (Haskell PVP) ordering. */
export const hackageScheme = numericList("Hackage", /\./);
/** CRAN (R package_version) ordering. */
export const cranScheme = numericList("CRAN", /[.-]/);
