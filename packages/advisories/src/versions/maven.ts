import { compareDigits, compareStrings, stripZeros } from "./numeric.js";
import type { VersionScheme } from "./scheme.js";

/** One item of Maven's ComparableVersion: a number, a qualifier or a nested list (after `-`). */
export type MavenItem = { kind: "int"; value: string } | { kind: "string"; value: string } | MavenList;
export interface MavenList {
  kind: "list";
  items: MavenItem[];
}

const QUALIFIERS = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"];
const ALIASES: Record<string, string> = { ga: "", final: "", release: "", cr: "rc" };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(""));

function stringItem(value: string, followedByDigit: boolean): MavenItem {
  let v = value;
  if (followedByDigit && v.length === 1) v = v === "a" ? "alpha" : v === "b" ? "beta" : v === "m" ? "milestone" : v;
  return { kind: "string", value: ALIASES[v] ?? v };
}

function parseItem(isDigit: boolean, text: string): MavenItem {
  return isDigit ? { kind: "int", value: stripZeros(text) } : stringItem(text, false);
}

function isNull(item: MavenItem): boolean {
  if (item.kind === "int") return item.value === "0";
  if (item.kind === "string") return item.value === "";
  return item.items.length === 0;
}

function normalize(list: MavenList, isRoot: boolean): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i] as MavenItem;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== "list") break;
  }
  // `1-ga-1` leaves a list holding only a list once `ga` is dropped; Maven's canonical
  // form (and OSV) read it as `1-1`, so the empty level is collapsed.
  const only = list.items[0];
  if (!isRoot && list.items.length === 1 && only?.kind === "list") list.items = only.items;
}

/** Parses a version exactly as org.apache.maven.artifact.versioning.ComparableVersion does. */
export function parseMaven(input: string): MavenList {
  const version = input.toLowerCase();
  const root: MavenList = { kind: "list", items: [] };
  let list = root;
  const stack: MavenList[] = [root];
  const nest = () => {
    const next: MavenList = { kind: "list", items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  let isDigit = false;
  let start = 0;
  for (let i = 0; i < version.length; i++) {
    const c = version[i] as string;
    if (c === ".") {
      list.items.push(i === start ? { kind: "int", value: "0" } : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
    } else if (c === "-") {
      list.items.push(i === start ? { kind: "int", value: "0" } : parseItem(isDigit, version.slice(start, i)));
      start = i + 1;
      nest();
    } else if (c >= "0" && c <= "9") {
      if (!isDigit && i > start) {
        list.items.push(stringItem(version.slice(start, i), true));
        start = i;
        nest();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, version.slice(start, i)));
        start = i;
        nest();
      }
      isDigit = false;
    }
  }
  if (version.length > start) list.items.push(parseItem(isDigit, version.slice(start)));
  for (let l = stack.pop(); l; l = stack.pop()) normalize(l, l === root);
  return root;
}

function qualifierKey(value: string): string {
  const i = QUALIFIERS.indexOf(value);
  return i === -1 ? `${QUALIFIERS.length}-${value}` : String(i);
}

/** Compares two items; `b` undefined stands for Java's null (the padding of a shorter list). */
function compareItem(a: MavenItem, b: MavenItem | undefined): number {
  if (a.kind === "int") {
    if (b === undefined) return a.value === "0" ? 0 : 1;
    return b.kind === "int" ? compareDigits(a.value, b.value) : 1;
  }
  if (a.kind === "string") {
    if (b === undefined) return Math.sign(compareStrings(qualifierKey(a.value), RELEASE_INDEX));
    if (b.kind === "int" || b.kind === "list") return -1;
    return Math.sign(compareStrings(qualifierKey(a.value), qualifierKey(b.value)));
  }
  if (b === undefined) {
    for (const item of a.items) {
      const c = compareItem(item, undefined);
      if (c !== 0) return c;
    }
    return 0;
  }
  if (b.kind === "int") return -1;
  if (b.kind === "string") return 1;
  const n = Math.max(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) {
    const l = a.items[i];
    const r = b.items[i];
    const c = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
    if (c !== 0) return c;
  }
  return 0;
}

/** Renders the canonical form, as ComparableVersion.getCanonical() does. */
export function canonicalMaven(list: MavenList): string {
  let out = "";
  for (const item of list.items) {
    if (out.length > 0) out += item.kind === "list" ? "-" : ".";
    out += item.kind === "list" ? canonicalMaven(item) : item.value;
  }
  return out;
}

/** Maven's ComparableVersion ordering; every string is a valid Maven version, but an empty one is refused. */
export const mavenScheme: VersionScheme<MavenList> = {
  name: "Maven",
  parse: (version) => (version.trim() === "" ? undefined : parseMaven(version)),
  compare: compareItem,
  canonical: canonicalMaven,
};
