import type { VersionScheme } from "../versions/scheme.js";
import type { OsvAffected } from "./schema.js";

type EventKind = "introduced" | "fixed" | "last_affected" | "limit";

/** One event with its version parsed once; `zero` is OSV's `introduced: "0"` (before every version). */
interface CompiledEvent {
  kind: EventKind;
  raw: string;
  zero: boolean;
  parsed: unknown;
}

/** An `affected[]` entry prepared for matching: explicit versions and SEMVER/ECOSYSTEM ranges, events sorted. */
export interface CompiledAffected {
  /**
   * The canonical forms of the listed versions that no range already covers (a covered
   * one adds nothing: equal canonical forms mean equal versions, which ranges treat alike);
   * undefined when there are none. A listed version the scheme cannot read is left out: no
   * version it can read equals it, and an unreadable query version is an error before this.
   */
  listed: Set<string> | undefined;
  ranges: CompiledEvent[][];
  /**
   * The span every range lies in, for a one-comparison rejection: the lowest `introduced`
   * (undefined for "0") and the highest end (undefined when a range is open-ended).
   */
  lowest: unknown;
  highest: { parsed: unknown; inclusive: boolean } | undefined;
}

/**
 * Sorts in place, stably, and returns the list: short lists (nearly all here) by insertion,
 * which allocates nothing, where `Array.prototype.sort` takes work memory on every call.
 */
export function sortInPlace<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare);
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as T;
    let j = i - 1;
    for (; j >= 0 && compare(list[j] as T, item) > 0; j--) list[j + 1] = list[j] as T;
    list[j + 1] = item;
  }
  return list;
}

/** A version in an advisory that its ecosystem cannot read. */
export class UnreadableVersion extends Error {
  constructor(readonly version: string) {
    super(`unreadable version "${version}"`);
  }
}

function compileEvent(scheme: VersionScheme, e: Partial<Record<EventKind, string>>): CompiledEvent {
  const kind = (Object.keys(e) as EventKind[]).find((k) => e[k] !== undefined) as EventKind;
  const raw = e[kind] as string;
  const zero = kind === "introduced" && raw === "0";
  const parsed = zero ? undefined : scheme.parse(raw);
  if (!zero && parsed === undefined) throw new UnreadableVersion(raw);
  return { kind, raw, zero, parsed };
}

/**
 * Prepares an affected entry. GIT ranges are skipped (they name commits, not versions)
 * without hiding the ranges after them. An event version the ecosystem cannot read
 * throws UnreadableVersion, so the caller can report the record as malformed.
 */
export function compileAffected(scheme: VersionScheme, affected: OsvAffected): CompiledAffected {
  // Built with map (arrays of exactly their length: the index keeps them for the whole audit).
  const ranges = (affected.ranges ?? [])
    .filter((range) => range.type !== "GIT")
    .map((range) => {
      const events = range.events.map((e) => compileEvent(scheme, e));
      return sortInPlace(events, (a, b) =>
        a.zero ? (b.zero ? 0 : -1) : b.zero ? 1 : scheme.compare(a.parsed, b.parsed),
      );
    });
  const compiled: CompiledAffected = { listed: undefined, ranges, ...span(scheme, ranges) };
  for (const version of affected.versions ?? []) {
    const parsed = scheme.parse(version);
    if (parsed === undefined || inAnyRange(scheme, parsed, compiled)) continue;
    compiled.listed ??= new Set();
    compiled.listed.add(scheme.canonical(parsed));
  }
  return compiled;
}

/** The lowest introduced and highest end over all ranges (see CompiledAffected). */
function span(scheme: VersionScheme, ranges: CompiledEvent[][]): Pick<CompiledAffected, "lowest" | "highest"> {
  let lowest: unknown;
  let zero = false;
  let highest: CompiledAffected["highest"];
  let open = ranges.length === 0;
  for (const events of ranges) {
    const first = events.find((e) => e.kind === "introduced");
    if (!first || first.zero) zero = true;
    else if (lowest === undefined || scheme.compare(first.parsed, lowest) < 0) lowest = first.parsed;
    const last = events[events.length - 1] as CompiledEvent;
    if (last.kind === "introduced") open = true;
    else if (!highest || scheme.compare(last.parsed, highest.parsed) > 0)
      highest = { parsed: last.parsed, inclusive: last.kind === "last_affected" };
  }
  return { lowest: zero ? undefined : lowest, highest: open ? undefined : highest };
}

/** OSV's evaluation of one range: the last event at or below the version decides; `limit` caps the range. */
function inRange(scheme: VersionScheme, version: unknown, events: CompiledEvent[]): boolean {
  let affected = false;
  for (const e of events) {
    if (e.kind === "limit") {
      if (scheme.compare(version, e.parsed) >= 0) return false;
      continue;
    }
    if (e.kind === "introduced") {
      if (e.zero || scheme.compare(version, e.parsed) >= 0) affected = true;
    } else if (e.kind === "fixed") {
      if (scheme.compare(version, e.parsed) >= 0) affected = false;
    } else if (scheme.compare(version, e.parsed) > 0) {
      affected = false;
    }
  }
  return affected;
}

/** Whether a parsed version lies inside any SEMVER/ECOSYSTEM range of the entry. */
export function inAnyRange(scheme: VersionScheme, version: unknown, affected: CompiledAffected): boolean {
  if (affected.ranges.length === 0) return false;
  if (affected.lowest !== undefined && scheme.compare(version, affected.lowest) < 0) return false;
  if (affected.highest) {
    const c = scheme.compare(version, affected.highest.parsed);
    if (c > 0 || (c === 0 && !affected.highest.inclusive)) return false;
  }
  for (let i = 0; i < affected.ranges.length; i++)
    if (inRange(scheme, version, affected.ranges[i] as CompiledEvent[])) return true;
  return false;
}

/**
 * Whether a version is affected by any of the entries: listed in `versions` (looked up by
 * `canonical()`, its scheme's canonical form, computed only when an entry lists versions)
 * or inside any SEMVER/ECOSYSTEM range.
 */
export function isAffected(
  scheme: VersionScheme,
  version: unknown,
  canonical: () => string,
  affected: readonly CompiledAffected[],
): boolean {
  for (let i = 0; i < affected.length; i++) {
    const a = affected[i] as CompiledAffected;
    if (a.listed?.has(canonical()) === true || inAnyRange(scheme, version, a)) return true;
  }
  return false;
}

/** The `fixed` versions above `version`, in the ecosystem's order (stable), without duplicates. */
export function fixedAbove(scheme: VersionScheme, version: unknown, affected: readonly CompiledAffected[]): string[] {
  const fixed: CompiledEvent[] = [];
  for (let i = 0; i < affected.length; i++) {
    const ranges = (affected[i] as CompiledAffected).ranges;
    for (let r = 0; r < ranges.length; r++) {
      const events = ranges[r] as CompiledEvent[];
      for (let k = 0; k < events.length; k++) {
        const e = events[k] as CompiledEvent;
        if (e.kind === "fixed" && scheme.compare(e.parsed, version) > 0) fixed.push(e);
      }
    }
  }
  // The list ends up in a finding for the whole audit: built at its exact length.
  if (fixed.length === 0) return [];
  if (fixed.length === 1) return [(fixed[0] as CompiledEvent).raw];
  sortInPlace(fixed, (a, b) => scheme.compare(a.parsed, b.parsed));
  const out: string[] = [];
  for (const e of fixed) if (!out.includes(e.raw)) out.push(e.raw);
  return out.slice();
}
