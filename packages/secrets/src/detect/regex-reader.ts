/** Reading a regex source's start: the subset of regex syntax the guards (guard.ts) understand. */

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const WORD = [...range(48, 57), ...range(65, 90), ...range(97, 122), 95];
const DIGIT = range(48, 57);
/** `\s` among latin1 characters (the others are above 255). */
const SPACE = [9, 10, 11, 12, 13, 32, 160];

/** Thrown (and caught by compileGuard) where the regex leaves the subset read here. */
export class Unsupported extends Error {}

/**
 * The bytes matched by `codes` (or by anything else, `negated`). Case-insensitive: ASCII letters
 * stand for both cases; a latin1 letter above 127 could stand for others, so every byte above
 * 127 is allowed then.
 */
export function setOf(codes: number[], caseless: boolean, negated = false): Uint8Array {
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
export class Reader {
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

  /**
   * One character, escape or class and its count (max Infinity when unbounded), this.i past it;
   * undefined (this.i unchanged) at anything else.
   */
  item(caseless: boolean): { set: Uint8Array; min: number; max: number } | undefined {
    const c = this.src[this.i];
    if (c === undefined || "()|.^$?*+{}]".includes(c)) return undefined;
    let set: Uint8Array;
    if (c === "[") set = this.klass(caseless);
    else if (c === "\\") set = setOf(this.escape(false), caseless);
    else {
      set = setOf([c.charCodeAt(0)], caseless);
      this.i++;
    }
    const q = /^(?:\{(\d+)(?:(,)(\d*))?\}|[?*+])\??/.exec(this.src.slice(this.i));
    if (q === null) return { set, min: 1, max: 1 };
    this.i += q[0].length;
    if (q[0][0] === "?") return { set, min: 0, max: 1 };
    if (q[0][0] === "*") return { set, min: 0, max: Number.POSITIVE_INFINITY };
    if (q[0][0] === "+") return { set, min: 1, max: Number.POSITIVE_INFINITY };
    const min = Number(q[1]);
    return { set, min, max: q[2] === undefined ? min : q[3] === "" ? Number.POSITIVE_INFINITY : Number(q[3]) };
  }
}
