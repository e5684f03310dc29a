import { compareDigits, compareStrings } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** An RPM `[epoch:]version[-release]`. */
export interface RpmVersion {
  epoch: string;
  version: string;
  /** Undefined when there is no `-release` at all (which sorts before any release, even an empty one). */
  release: string | undefined;
}

/** Splits an RPM EVR; the epoch defaults to 0 and the release to empty. */
export function parseRpm(input: string): RpmVersion | undefined {
  const text = input.trim();
  if (text === "") return undefined;
  const colon = text.indexOf(":");
  const epoch = colon > 0 && /^\d+$/.test(text.slice(0, colon)) ? text.slice(0, colon) : "0";
  const rest =
    colon > 0 && epoch !== "0" ? text.slice(colon + 1) : colon === 1 && text[0] === "0" ? text.slice(2) : text;
  const dash = rest.lastIndexOf("-");
  return dash === -1
    ? { epoch, version: rest, release: undefined }
    : { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) };
}

const alnum = (c: string | undefined) => c !== undefined && /[0-9A-Za-z]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** rpmvercmp: segments of digits or letters; `~` sorts first, `^` after the end; numbers beat letters. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !alnum(a[i]) && a[i] !== "~" && a[i] !== "^") i++;
    while (j < b.length && !alnum(b[j]) && b[j] !== "~" && b[j] !== "^") j++;
    if (a[i] === "~" || b[j] === "~") {
      if (a[i] !== "~") return 1;
      if (b[j] !== "~") return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === "^" || b[j] === "^") {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== "^") return 1;
      if (b[j] !== "^") return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    const numeric = isDigit(a[i]);
    const take = numeric ? isDigit : isAlpha;
    let x = i;
    while (x < a.length && take(a[x])) x++;
    let y = j;
    while (y < b.length && take(b[y])) y++;
    if (y === j) return numeric ? 1 : -1;
    const c = numeric ? compareDigits(a.slice(i, x), b.slice(j, y)) : compareStrings(a.slice(i, x), b.slice(j, y));
    if (c !== 0) return c;
    i = x;
    j = y;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Orders RPM EVRs: epoch numerically, then version and release by rpmvercmp. */
export function compareRpm(a: RpmVersion, b: RpmVersion): number {
  const c = compareDigits(a.epoch, b.epoch) || rpmvercmp(a.version, b.version);
  if (c !== 0 || a.release === b.release) return c;
  if (a.release === undefined || b.release === undefined) return a.release === undefined ? -1 : 1;
  return rpmvercmp(a.release, b.release);
}

/** Red Hat, AlmaLinux, Rocky Linux, SUSE and openSUSE (RPM) ordering. */
export const rpmScheme: VersionScheme<RpmVersion> = {
  name: "RPM",
  parse: parseRpm,
  compare: compareRpm,
  canonical: (v) => {
    const segments = (p: string) =>
      (p.match(/[0-9]+|[A-Za-z]+|[~^]/g) ?? []).map((x) => x.replace(/^0+(?=\d)/, "")).join(".");
    const release = v.release === undefined ? "" : `-${segments(v.release)}`;
    return `${v.epoch.replace(/^0+(?=\d)/, "")}:${segments(v.version)}${release}`;
  },
};
