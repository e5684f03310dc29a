import { compileGuard, type Guard } from "./guard.js";

/** One item of a regex's top level: a literal character, or anything else (a group, a class, an escape class, an anchor). */
interface Atom {
  literal: string | undefined;
  end: number;
}

/** Escaped characters that stand for themselves (not `\d`, `\b`, `\x60`, …). */
const PLAIN_ESCAPE = /[^A-Za-z0-9]/;

/** The end of the group or class that starts at `i` (the index after its closing character). */
function skipNested(source: string, i: number): number {
  let depth = 0;
  for (let j = i; j < source.length; j++) {
    const c = source[j];
    if (c === "\\") j++;
    else if (c === "[") {
      for (j++; j < source.length && source[j] !== "]"; j++) if (source[j] === "\\") j++;
      if (depth === 0) return j + 1;
    } else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return j + 1;
  }
  return source.length;
}

/** The top level of a regex source as atoms; undefined when it has a top-level alternation. */
function topLevel(source: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  for (let i = 0; i < source.length; ) {
    const c = source[i] as string;
    if (c === "|") return undefined;
    if (c === "(" || c === "[") {
      i = skipNested(source, i);
      atoms.push({ literal: undefined, end: i });
    } else if (c === "?" || c === "*" || c === "+" || c === "{") {
      // A quantifier: the atom before it is not a fixed literal any more.
      const last = atoms[atoms.length - 1];
      if (last) last.literal = undefined;
      if (c === "{") {
        const count = /^\{\d+(?:,\d*)?\}/.exec(source.slice(i))?.[0];
        if (count === undefined) return undefined; // a literal brace: not read here
        i += count.length;
      } else i++;
      if (source[i] === "?") i++; // lazy
      if (last) last.end = i;
    } else if (c === "\\") {
      const e = source[i + 1] ?? "";
      i += 2;
      atoms.push({ literal: PLAIN_ESCAPE.test(e) ? e : undefined, end: i });
    } else {
      i++;
      atoms.push({ literal: c === "." || c === "^" || c === "$" ? undefined : c, end: i });
    }
  }
  return atoms;
}

/**
 * What must follow a windowed rule's keyword, read off its regex: when the keyword is a literal
 * of the regex's top level (outside every group and class, not quantified) exactly once, and the
 * regex has no alternation at its top level, every match holds that literal, followed by a match
 * of the rest of the regex; the guard of that rest tells the keyword hits that cannot be part of
 * a match. Undefined when this cannot be read.
 */
export function keywordTailGuard(source: string, keyword: string): Guard | undefined {
  const atoms = topLevel(source);
  if (atoms === undefined || keyword.length === 0) return undefined;
  const wanted = keyword.toLowerCase();
  let found = -1;
  for (let a = 0; a + wanted.length <= atoms.length; a++) {
    let k = 0;
    while (k < wanted.length && atoms[a + k]?.literal?.toLowerCase() === wanted[k]) k++;
    if (k < wanted.length) continue;
    if (found !== -1) return undefined; // more than once: which one a hit is is not known
    found = a + wanted.length - 1;
  }
  if (found === -1) return undefined;
  return compileGuard(source.slice((atoms[found] as Atom).end));
}
