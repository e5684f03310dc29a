import { parse } from "@renovatebot/pep440";
import { compareStrings } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** A PyPI version: PEP 440 when valid, else the legacy (pre-PEP 440 setuptools) key pip used to sort with. */
export type PypiVersion = { kind: "pep440"; key: SortKey } | { kind: "legacy"; parts: string[] };

/** packaging's comparison key of a PEP 440 version (nested tuples with ±Infinity sentinels). */
type SortKey = Array<number | string | SortKey>;

const PLAIN_RELEASE = /^[0-9]+(?:\.[0-9]+)*$/;

/**
 * Builds the key packaging.version compares by, from @renovatebot/pep440's parse: trailing
 * zeros dropped from the release, dev-only releases before pre-releases, local segments
 * numeric above alphanumeric. Computed once per version so comparisons do not re-parse.
 */
function sortKey(text: string): SortKey | undefined {
  // A plain release (most versions advisories list) gives the key the general path would,
  // without the PEP 440 regular expression and the object @renovatebot/pep440 builds.
  if (PLAIN_RELEASE.test(text)) {
    const release = text.split(".").map(Number);
    while (release.length > 0 && release[release.length - 1] === 0) release.pop();
    return [0, release, Infinity, -Infinity, Infinity, -Infinity];
  }
  // parse (unlike its declared type) gives pre/post/dev as [label, number] and local as a list.
  const v = parse(text) as unknown as {
    epoch: number;
    release: number[];
    pre: SortKey | null;
    post: SortKey | null;
    dev: SortKey | null;
    local: Array<string | number> | null;
  } | null;
  if (!v) return undefined;
  const release = [...v.release];
  while (release.length > 0 && release[release.length - 1] === 0) release.pop();
  const pre: SortKey | number = v.pre ? [...v.pre] : !v.post && v.dev ? -Infinity : Infinity;
  const post: SortKey | number = v.post ? [...v.post] : -Infinity;
  const dev: SortKey | number = v.dev ? [...v.dev] : Infinity;
  const local: SortKey | number = v.local
    ? v.local.map((i): SortKey => (Number.isNaN(Number(i)) ? [-Infinity, String(i)] : [Number(i), ""]))
    : -Infinity;
  return [v.epoch, release, pre, post, dev, local];
}

/** Python's ordering of tuples, numbers and strings, with a scalar compared to a tuple as a 1-tuple. */
function pyCompare(a: SortKey | number | string, b: SortKey | number | string): number {
  if (a === b) return 0;
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = Array.isArray(a) ? a : [a];
    const y = Array.isArray(b) ? b : [b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = pyCompare(x[i] as SortKey, y[i] as SortKey);
      if (c !== 0) return c;
    }
    return Math.sign(x.length - y.length);
  }
  if (a === -Infinity || b === Infinity) return -1;
  if (a === Infinity || b === -Infinity) return 1;
  return a < b ? -1 : 1;
}

const LEGACY_REPLACE: Record<string, string> = { pre: "c", preview: "c", "-": "final-", rc: "c", dev: "@" };

/** Splits like Python's re.split(r"(\d+|[a-z]+|\.|-)"), keeping both the matches and the text between them. */
function legacyTokens(text: string): string[] {
  const out: string[] = [];
  const re = /\d+|[a-z]+|\.|-/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(text.slice(last, m.index), m[0]);
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out;
}

/** The legacy comparison key of packaging.version.LegacyVersion. */
export function legacyKey(version: string): string[] {
  const parts: string[] = [];
  const raw: string[] = [];
  for (const token of legacyTokens(version.toLowerCase())) {
    const part = LEGACY_REPLACE[token] ?? token;
    if (part === "" || part === ".") continue;
    raw.push(/^\d/.test(part) ? part.padStart(8, "0") : `*${part}`);
  }
  raw.push("*final");
  for (const part of raw) {
    if (part.startsWith("*")) {
      if (part < "*final") while (parts.at(-1) === "*final-") parts.pop();
      while (parts.at(-1) === "00000000") parts.pop();
    }
    parts.push(part);
  }
  return parts;
}

/** A compact text of a sort key that keeps +Infinity and -Infinity apart. */
function keyText(key: SortKey | number | string): string {
  if (Array.isArray(key)) return `(${key.map(keyText).join(",")})`;
  return key === Infinity ? "+" : key === -Infinity ? "-" : String(key);
}

/** Orders PyPI versions as pip does: PEP 440 via @renovatebot/pep440; legacy versions before every PEP 440 one. */
export function comparePypi(a: PypiVersion, b: PypiVersion): number {
  if (a.kind === "pep440" && b.kind === "pep440") return pyCompare(a.key, b.key);
  if (a.kind !== b.kind) return a.kind === "legacy" ? -1 : 1;
  const x = (a as { parts: string[] }).parts;
  const y = (b as { parts: string[] }).parts;
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = compareStrings(x[i] as string, y[i] as string);
    if (c !== 0) return c;
  }
  return Math.sign(x.length - y.length);
}

/** PEP 440 (epochs, pre/post/dev releases, local versions) with pip's legacy fallback; refuses blank strings. */
export const pypiScheme: VersionScheme<PypiVersion> = {
  name: "PEP 440",
  parse: (version) => {
    if (version.trim() === "") return undefined;
    const key = sortKey(version);
    return key ? { kind: "pep440", key } : { kind: "legacy", parts: legacyKey(version) };
  },
  compare: comparePypi,
  canonical: (v) => (v.kind === "pep440" ? keyText(v.key) : `legacy:${v.parts.join(".")}`),
};
