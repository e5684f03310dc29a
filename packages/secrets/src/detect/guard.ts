import { Reader, Unsupported } from "./regex-reader.js";
import { ByteText, type Text } from "./text.js";

/**
 * What an anchored rule's regex requires at and just before its keyword hit, read off the regex:
 * the bytes its fixed-length start allows at each offset, and the bytes a leading negative
 * lookbehind forbids before it. A hit whose bytes break either cannot match, and the regex is not
 * run there. Characters above 255 (UTF-16 text) are never held against a hit.
 */
export interface Guard {
  /** Allowed bytes at offset i of the hit: steps[i][byte] === 1. */
  steps: Uint8Array[];
  /** Bytes forbidden just before the hit (a leading `(?<![…])`), when there is one. */
  behind: Uint8Array | undefined;
  /**
   * What follows the fixed start, when it is read: runs of bounded length (`[\w.-]{0,20}`), then
   * one of the `next` sequences of bytes (a literal, or the fixed start of each alternative, as in
   * `(?i:secret|key)`).
   */
  tail: { gaps: Gap[]; next: Uint8Array[][] } | undefined;
  /** For a regex that starts with alternatives: the guard of each (the hit must pass one). */
  any?: Guard[];
}

/** Between `min` and `max` bytes of `set`. */
export interface Gap {
  set: Uint8Array;
  min: number;
  max: number;
}

/** The tail is followed for at most this many bytes past the fixed start. */
const MAX_TAIL = 256;

/** Reads the guard off an anchored rule's regex source; undefined when its start says nothing usable. */
export function compileGuard(source: string, depth = 0): Guard | undefined {
  try {
    return readGuard(new Reader(source), depth);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function readGuard(r: Reader, depth: number): Guard | undefined {
  let behind: Uint8Array | undefined;
  const steps: Uint8Array[] = [];
  // Once a count varies, the bytes after it no longer sit at fixed offsets: they make the tail.
  let gaps: Gap[] | undefined;
  let next: Uint8Array[][] | undefined;
  const caseless: boolean[] = [false];
  for (;;) {
    const c = r.src[r.i];
    const here = caseless[caseless.length - 1] as boolean;
    if (behind === undefined && steps.length === 0 && gaps === undefined && r.src.startsWith("(?<![", r.i)) {
      // A lookbehind before the first byte: what may not come before the hit.
      r.i += 4;
      behind = r.klass(false);
      if (r.src[r.i] !== ")") throw new Unsupported("lookbehind of more than one class");
      r.i++;
      continue;
    }
    if (c === "(") {
      const open = /^\((?:\?i:|\?:|\?<[A-Za-z_]\w*>|(?!\?))/.exec(r.src.slice(r.i))?.[0];
      if (open === undefined) break; // lookaround, inline flags other than i
      const { end, alternation } = r.groupEnd(r.i + open.length);
      if (/[?*+{]/.test(r.src[end + 1] ?? "")) break; // a group quantified as a whole
      const inner = open === "(?i:" || here;
      if (alternation && gaps) {
        // In the tail: one of the alternatives' fixed starts is next.
        next = alternativeStarts(r.src.slice(r.i + open.length, end), inner);
        break;
      }
      if (alternation) {
        // (A|B) in place: the regex matches where the regex with (A) or the one with (B) does.
        const each = splitAlternatives(r.src.slice(r.i + open.length, end)).map((alternative) =>
          depth < 3
            ? compileGuard(`${r.src.slice(0, r.i)}${open}${alternative}${r.src.slice(end)}`, depth + 1)
            : undefined,
        );
        if (each.length <= 24 && each.every((g) => g !== undefined))
          return { steps: [], behind: undefined, tail: undefined, any: each as Guard[] };
        break;
      }
      caseless.push(inner);
      r.i += open.length;
      continue;
    }
    if (c === ")") {
      caseless.pop();
      r.i++;
      continue;
    }
    const itemStart = r.i;
    const item = r.item(here);
    if (item === undefined) break;
    if (gaps === undefined) {
      for (let k = 0; k < item.min; k++) steps.push(item.set);
      if (item.max === item.min) continue;
      gaps = [{ set: item.set, min: 0, max: item.max - item.min }];
    } else if (item.min === item.max && item.min > 0) {
      r.i = itemStart;
      next = [fixedStart(r, here)];
      break;
    } else gaps.push(item);
    if (gaps.reduce((n, g) => n + g.max, 0) > MAX_TAIL) break;
  }
  const tail = gaps && next ? { gaps, next } : undefined;
  return steps.length > 0 || behind || tail ? { steps, behind, tail } : undefined;
}

/** The fixed bytes from r.i on (items of one count, through groups without alternatives), r.i past them. */
function fixedStart(r: Reader, caseless: boolean): Uint8Array[] {
  const out: Uint8Array[] = [];
  const flags = [caseless];
  for (;;) {
    const here = flags[flags.length - 1] as boolean;
    const open = /^\((?:\?i:|\?:|\?<[A-Za-z_]\w*>|(?!\?))/.exec(r.src.slice(r.i))?.[0];
    if (open !== undefined) {
      const { end, alternation } = r.groupEnd(r.i + open.length);
      if (alternation || /[?*+{]/.test(r.src[end + 1] ?? "")) return out;
      flags.push(open === "(?i:" || here);
      r.i += open.length;
      continue;
    }
    if (r.src[r.i] === ")" && flags.length > 1) {
      flags.pop();
      r.i++;
      continue;
    }
    const item = r.item(here);
    if (item === undefined) return out;
    for (let k = 0; k < item.min; k++) out.push(item.set);
    if (item.max !== item.min) return out;
  }
}

/** The alternatives of a group's `body`, split at its top-level `|`. */
function splitAlternatives(body: string): string[] {
  let depth = 0;
  let from = 0;
  const out: string[] = [];
  for (let j = 0; j <= body.length; j++) {
    const c = body[j];
    if (c === "\\") j++;
    else if (c === "[") {
      for (j++; j < body.length && body[j] !== "]"; j++) if (body[j] === "\\") j++;
    } else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === undefined || (c === "|" && depth === 0)) {
      out.push(body.slice(from, j));
      from = j + 1;
    }
  }
  return out;
}

/** The fixed start of each alternative of `body`; undefined when one has none. */
function alternativeStarts(body: string, caseless: boolean): Uint8Array[][] | undefined {
  const starts = splitAlternatives(body).map((alternative) => fixedStart(new Reader(alternative), caseless));
  return starts.every((start) => start.length > 0) ? starts : undefined;
}

/**
 * False when `text` at `at` breaks the guard, so that the rule's regex cannot match there.
 * `lookbehind`: whether the regex sees the character before `at` (it does unless the matcher
 * put a sentinel there).
 */
export function guardAllows(guard: Guard, text: Text, at: number, lookbehind: boolean): boolean {
  if (guard.any) {
    for (const alternative of guard.any) if (guardAllows(alternative, text, at, lookbehind)) return true;
    return false;
  }
  const bytes = text instanceof ByteText ? text.bytes : undefined;
  const { steps, behind } = guard;
  if (behind && lookbehind && at > 0) {
    const c = bytes ? (bytes[at - 1] as number) : text.charCodeAt(at - 1);
    if (c < 256 && behind[c] === 1) return false;
  }
  if (at + steps.length > text.length) return false;
  for (let k = 0; k < steps.length; k++) {
    const c = bytes ? (bytes[at + k] as number) : text.charCodeAt(at + k);
    if (c < 256 && (steps[k] as Uint8Array)[c] === 0) return false;
  }
  return guard.tail === undefined || tailAllows(guard.tail, text, bytes, at + steps.length);
}

/**
 * Whether a `next` sequence can follow the gaps from `from`. The positions a gap can end at are
 * kept as one interval that holds them all (a gap from the interval's last position reaches
 * furthest: a run of its bytes from an earlier position that gets further passes through it),
 * and `next` is compared at each position of the last interval.
 */
function tailAllows(tail: NonNullable<Guard["tail"]>, text: Text, bytes: Buffer | undefined, from: number): boolean {
  const n = text.length;
  let lo = from;
  let hi = from;
  for (const gap of tail.gaps) {
    let run = 0;
    for (; run < gap.max && hi + run < n; run++) {
      const c = bytes ? (bytes[hi + run] as number) : text.charCodeAt(hi + run);
      if (c < 256 && gap.set[c] === 0) break;
    }
    lo += gap.min;
    hi += run;
    if (hi < lo) return false;
  }
  for (let p = lo; p <= hi; p++) {
    for (const sequence of tail.next) {
      if (p + sequence.length > n) continue;
      let k = 0;
      for (; k < sequence.length; k++) {
        const c = bytes ? (bytes[p + k] as number) : text.charCodeAt(p + k);
        if (c < 256 && (sequence[k] as Uint8Array)[c] === 0) break;
      }
      if (k === sequence.length) return true;
    }
  }
  return false;
}
