import { compareDigits, compareStrings, isDigits } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/**
 * An apk version `number{.number}{letter}{_suffix{number}}{~hash}{-r#}`, read the way
 * `apk version -t` (3.x) compares them, including the forms it accepts though invalid.
 */
export interface AlpineVersion {
  original: string;
  /** Whatever follows the parts apk understands, when it is not a `-r` build. */
  invalid: boolean;
  components: string[];
  letter: string;
  suffixes: Array<{ weight: number; number: string }>;
  build: string;
  remainder: string;
}

// Suffix order; a version without a suffix ranks between rc and cvs.
const SUFFIXES = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"];
const NO_SUFFIX = { weight: SUFFIXES.indexOf(""), number: "0" };

/** Parses an apk version; never fails (apk compares anything), but marks what it cannot read. */
export function parseAlpine(original: string): AlpineVersion {
  let rest = original;
  const numbers = /^(?:\d+\.?)*/.exec(rest)?.[0] ?? "";
  const components = numbers === "" ? [] : numbers.split(".");
  rest = rest.slice(numbers.length);
  const letter = /^[a-z]/.test(rest) ? (rest[0] as string) : "";
  rest = rest.slice(letter.length);
  const suffixes: AlpineVersion["suffixes"] = [];
  for (const m of rest.matchAll(/_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\d*)/g)) {
    suffixes.push({ weight: SUFFIXES.indexOf(m[1] as string), number: m[2] || "0" });
    if (rest.startsWith(m[0])) rest = rest.slice(m[0].length);
  }
  rest = rest.slice(/^~[0-9a-f]+/.exec(rest)?.[0].length ?? 0);
  let build = "0";
  let invalid = false;
  if (rest !== "") {
    const m = /^-r(\d*)/.exec(rest);
    if (m) {
      build = m[1] || "0";
      rest = rest.slice(m[0].length);
    } else {
      invalid = true;
    }
  }
  return { original, invalid, components, letter, suffixes, build, remainder: rest };
}

function compareComponent(a: string | undefined, b: string | undefined, index: number): number {
  const x = a ?? "0";
  const y = b ?? "0";
  // After the first component, a leading zero makes apk compare the digits as text (1.02 < 1.1).
  if (index > 0 && a !== undefined && b !== undefined && (x.startsWith("0") || y.startsWith("0"))) {
    return compareStrings(x, y);
  }
  return compareDigits(isDigits(x) ? x : "0", isDigits(y) ? y : "0");
}

/** apk's ordering: numbers, letter, suffixes, build; versions it cannot read at all compare as text. */
export function compareAlpine(a: AlpineVersion, b: AlpineVersion): number {
  if (a.invalid && b.invalid) return compareStrings(a.original, b.original);
  for (let i = 0; i < Math.max(a.components.length, b.components.length); i++) {
    const c = compareComponent(a.components[i], b.components[i], i);
    if (c !== 0) return c;
  }
  if (a.letter !== b.letter) return a.letter === "" ? -1 : b.letter === "" ? 1 : compareStrings(a.letter, b.letter);
  for (let i = 0; i < Math.max(a.suffixes.length, b.suffixes.length); i++) {
    const x = a.suffixes[i] ?? NO_SUFFIX;
    const y = b.suffixes[i] ?? NO_SUFFIX;
    const c = Math.sign(x.weight - y.weight) || compareDigits(x.number, y.number);
    if (c !== 0) return c;
  }
  const c = compareDigits(a.build, b.build);
  if (c !== 0) return c;
  if ((a.remainder === "") !== (b.remainder === "")) return a.remainder === "" ? 1 : -1;
  return 0;
}

/** Alpine (apk) ordering. */
export const alpineScheme: VersionScheme<AlpineVersion> = {
  name: "apk",
  parse: (version) => (version.trim() === "" ? undefined : parseAlpine(version.trim())),
  compare: compareAlpine,
  canonical: (v) =>
    v.invalid
      ? `invalid:${v.original}`
      : `${v.components.join(".")}|${v.letter}|${v.suffixes.map((s) => `${s.weight}.${s.number}`).join(",")}|${v.build}|${v.remainder === "" ? "" : "rest"}`,
};
