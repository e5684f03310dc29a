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
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const WORD = [...range(48, 57), ...range(65, 90), ...range(97, 122), 95];
const DIGIT = range(48, 57);
/** `\s` among latin1 characters (the others are above 255). */
const SPACE = [9, 10, 11, 12, 13, 32, 160];

/** Thrown (and caught by compileGuard) where the regex leaves the subset read here. */
class Unsupported extends Error {}

/**
 * The bytes matched by `codes` (or by anything else, `negated`). Case-insensitive: ASCII letters
 * stand for both cases; a latin1 letter above 127 could stand for others, so every byte above
 * 127 is allowed then.
 */
function setOf(codes: number[], caseless: boolean, negated = false): Uint8Array {
  const set = new Uint8Array(256);
  for (const c of codes) {
    if (c > 255) continue;
    set[c] = 1;
    if (caseless && c >= 65 && c <= 90) set[c + 32] = 1;
    if (caseless && c >= 97 && c <= 122) set[c - 32] = 1;
  }
  if (negated) for (let c = 0; c < 256; c++) set[c] = set[c] ? 0 : 1;
  if (caseless && codes.some((c) => c > 127)) set.fill(1, 128);
  return set;
}

/** A regex source read from left to right. */
class Reader {
  i = 0;
  constructor(readonly src: string) {}

  /** One escape after a backslash: a class shorthand's codes, or one character's code. */
  escape(inClass: boolean): number[] {
    const e = this.src[this.i + 1];
    this.i += 2;
    if (e === undefined) throw new Unsupported("trailing backslash");
    if (e === "w") return WORD;
    if (e === "d") return DIGIT;
    if (e === "s") return SPACE;
    if (e === "t") return [9];
    if (e === "n") return [10];
    if (e === "r") return [13];
    if (e === "x" && /^[0-9a-fA-F]{2}$/.test(this.src.slice(this.i, this.i + 2))) {
      this.i += 2;
      return [Number.parseInt(this.src.slice(this.i - 2, this.i), 16)];
    }
    // Any other letter or digit escape means something else (\b, \k, \1, \u…): not read here.
    if (/[A-Za-z0-9]/.test(e)) throw new Unsupported(`escape \\${e}${inClass ? " in a class" : ""}`);
    return [e.charCodeAt(0)];
  }

  /** A class `[…]` (this.i at `[`), as the set of latin1 bytes it matches. */
  klass(caseless: boolean): Uint8Array {
    this.i++;
    const negated = this.src[this.i] === "^";
    if (negated) this.i++;
    const codes: number[] = [];
    const one = (): number[] => (this.src[this.i] === "\\" ? this.escape(true) : [this.src.charCodeAt(this.i++)]);
    while (this.src[this.i] !== "]") {
      if (this.i >= this.src.length) throw new Unsupported("open class");
      const a = one();
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && a.length === 1) {
        this.i++;
        const b = one();
        if (b.length !== 1) throw new Unsupported("range to a shorthand");
        codes.push(...range(a[0] as number, b[0] as number));
      } else codes.push(...a);
    }
    this.i++;
    return setOf(codes, caseless, negated);
  }

  /** Where the group opened just before `from` closes, and whether it has a top-level `|`. */
  groupEnd(from: number): { end: number; alternation: boolean } {
    let depth = 0;
    let alternation = false;
    for (let j = from; j < this.src.length; j++) {
      const c = this.src[j];
      if (c === "\\") j++;
      else if (c === "[") {
        for (j++; j < this.src.length && this.src[j] !== "]"; j++) if (this.src[j] === "\\") j++;
      } else if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) return { end: j, alternation };
        depth--;
      } else if (c === "|" && depth === 0) alternation = true;
    }
    throw new Unsupported("unclosed group");
  }
}

/** Reads the guard off an anchored rule's regex source; undefined when its start says nothing usable. */
export function compileGuard(source: string): Guard | undefined {
  try {
    return readGuard(new Reader(source));
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function readGuard(r: Reader): Guard | undefined {
  let behind: Uint8Array | undefined;
  if (r.src.startsWith("(?<![", 0)) {
    r.i = 4;
    behind = r.klass(false);
    if (r.src[r.i] !== ")") throw new Unsupported("lookbehind of more than one class");
    r.i++;
  }
  const steps: Uint8Array[] = [];
  const caseless: boolean[] = [false];
  for (;;) {
    const c = r.src[r.i];
    const here = caseless[caseless.length - 1] as boolean;
    if (c === undefined || c === "|") break;
    if (c === "(") {
      const open = /^\((?:\?i:|\?:|\?<[A-Za-z_]\w*>|(?!\?))/.exec(r.src.slice(r.i))?.[0];
      if (open === undefined) break; // lookaround, inline flags other than i
      const { end, alternation } = r.groupEnd(r.i + open.length);
      // A group with alternatives, or quantified as a whole, has no fixed start to read.
      if (alternation || /[?*+{]/.test(r.src[end + 1] ?? "")) break;
      caseless.push(open === "(?i:" || here);
      r.i += open.length;
      continue;
    }
    if (c === ")") {
      caseless.pop();
      r.i++;
      continue;
    }
    let set: Uint8Array;
    if (c === "[") set = r.klass(here);
    else if (c === "\\") set = setOf(r.escape(false), here);
    else if (".^$?*+{}]".includes(c)) break;
    else {
      set = setOf([c.charCodeAt(0)], here);
      r.i++;
    }
    const q = /^(?:\{(\d+)(,\d*)?\}|[?*+])/.exec(r.src.slice(r.i));
    if (q === null) {
      steps.push(set);
      continue;
    }
    if (q[0] === "?" || q[0] === "*") break;
    const times = q[0] === "+" ? 1 : Number(q[1]);
    for (let k = 0; k < times; k++) steps.push(set);
    // A variable count ends the fixed start.
    if (q[0] === "+" || q[2] !== undefined) break;
    r.i += q[0].length;
  }
  return steps.length > 0 || behind ? { steps, behind } : undefined;
}

/**
 * False when `text` at `at` breaks the guard, so that the rule's regex cannot match there.
 * `lookbehind`: whether the regex sees the character before `at` (it does unless the matcher
 * put a sentinel there).
 */
export function guardAllows(guard: Guard, text: Text, at: number, lookbehind: boolean): boolean {
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
  return true;
}
