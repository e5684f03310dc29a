import { compareDigits, isDigits } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** A Debian version `[epoch:]upstream[-revision]`. */
export interface DebianVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

/** Splits a dpkg version; undefined when the epoch is not a number or the upstream part is empty. */
export function parseDebian(input: string): DebianVersion | undefined {
  const text = input.trim();
  const colon = text.indexOf(":");
  const epoch = colon === -1 ? "0" : text.slice(0, colon);
  if (!isDigits(epoch)) return undefined;
  const rest = text.slice(colon + 1);
  const dash = rest.lastIndexOf("-");
  const upstream = dash === -1 ? rest : rest.slice(0, dash);
  const revision = dash === -1 ? "" : rest.slice(dash + 1);
  if (upstream === "" || !/^[0-9]/.test(upstream)) return undefined;
  return { epoch, upstream, revision };
}

/** dpkg's character order: `~` before the end, the end before letters, letters before other symbols. */
function order(c: string | undefined): number {
  if (c === undefined || c === "") return 0;
  if (c >= "0" && c <= "9") return 0;
  if ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) return c.charCodeAt(0);
  if (c === "~") return -1;
  return c.charCodeAt(0) + 256;
}

const digit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/** dpkg's verrevcmp: alternating non-digit runs (by `order`) and digit runs (numerically). */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !digit(a[i])) || (j < b.length && !digit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return Math.sign(ac - bc);
      i++;
      j++;
    }
    let x = i;
    while (digit(a[x])) x++;
    let y = j;
    while (digit(b[y])) y++;
    const c = compareDigits(a.slice(i, x) || "0", b.slice(j, y) || "0");
    if (c !== 0) return c;
    i = x;
    j = y;
  }
  return 0;
}

/** Orders dpkg versions: epoch, then upstream, then revision, each by verrevcmp. */
export function compareDebian(a: DebianVersion, b: DebianVersion): number {
  return compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

/** Debian and Ubuntu (dpkg) ordering. */
export const debianScheme: VersionScheme<DebianVersion> = {
  name: "dpkg",
  parse: parseDebian,
  compare: compareDebian,
  canonical: (v) =>
    `${compareDigits(v.epoch, "0") === 0 ? "0" : v.epoch.replace(/^0+/, "")}:${v.upstream}-${v.revision.replace(/^0+$/, "")}`,
};
