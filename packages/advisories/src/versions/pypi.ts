import { compare, parse } from "@renovatebot/pep440";
import { compareStrings } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** A PyPI version: PEP 440 when valid, else the legacy (pre-PEP 440 setuptools) key pip used to sort with. */
export type PypiVersion = { kind: "pep440"; text: string } | { kind: "legacy"; parts: string[] };

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

/** Orders PyPI versions as pip does: PEP 440 via @renovatebot/pep440; legacy versions before every PEP 440 one. */
export function comparePypi(a: PypiVersion, b: PypiVersion): number {
  if (a.kind === "pep440" && b.kind === "pep440") return compare(a.text, b.text);
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
    return parse(version) ? { kind: "pep440", text: version } : { kind: "legacy", parts: legacyKey(version) };
  },
  compare: comparePypi,
};
