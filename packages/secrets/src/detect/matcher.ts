import type { CompiledRule } from "../rules/compile.js";
import { shannonEntropy } from "./entropy.js";
import { guardAllows } from "./guard.js";
import { KeywordFilter } from "./keywords.js";
import { placeholderReason } from "./placeholders.js";
import { ByteText, type Text } from "./text.js";
import { validate } from "./validators.js";

/** A rule match inside one string: offsets of the secret. */
export interface RawMatch {
  rule: CompiledRule;
  secret: string;
  start: number;
  end: number;
}

/** Longest span of text one regex run may see; keeps every rule linear in the input. */
const MAX_RANGE = 64 * 1024;
/** How far back a line start is looked for (anchored `^`, unquoted assignments). */
const LINE_LOOKBACK = 256;

/**
 * Runs rules only at their keywords. A keyword filter finds every
 * keyword hit in one pass; an anchored rule is then tried once at each hit
 * (sticky regex), a windowed rule over a bounded window around its hits. A
 * megabyte-long minified line thus costs one automaton pass, never a
 * backtracking regex over the whole line.
 */
export class Matcher {
  private readonly filter: KeywordFilter;
  /** For each keyword id, the rules it triggers. */
  private readonly owners: number[][];
  private readonly keywordLengths: number[];
  readonly rules: CompiledRule[];

  constructor(rules: CompiledRule[]) {
    this.rules = rules;
    const keywords = [...new Set(rules.flatMap((r) => r.keywords))].sort();
    this.filter = new KeywordFilter(keywords);
    this.owners = keywords.map((k) => rules.flatMap((r, i) => (r.keywords.includes(k) ? [i] : [])));
    this.keywordLengths = keywords.map((k) => k.length);
  }

  /** Every validated match in `text`, in order of position. */
  scan(text: Text): RawMatch[] {
    return this.scanWithRuns(text).matches;
  }

  /** Every validated match in `text`, and the encoded-alphabet runs found in the same pass. */
  scanWithRuns(text: Text): { matches: RawMatch[]; runs: number[] } {
    const matches: RawMatch[] = [];
    const seen = new Set<string>();
    const { ids, starts, runs } =
      text instanceof ByteText ? this.filter.searchBytes(text.bytes) : this.filter.search(text as string);
    // Anchored rules run at their hits: (rule, at) pairs, in order of position.
    const anchored: number[] = [];
    // Windowed rules run over the windows around their hits, merged: rule → (from, to, live)
    // triples; a window is live when one of its hits passes the rule's tail guard (or it has none).
    const windows = new Map<number, number[]>();
    for (let h = 0; h < ids.length; h++) {
      const at = starts[h] as number;
      const id = ids[h] as number;
      for (const i of this.owners[id] ?? []) {
        const rule = this.rules[i] as CompiledRule;
        if (rule.anchored) {
          // The regex runs where the bytes at the hit can start a match (the line-start rules see
          // a sentinel before the hit, not the character there).
          if (rule.guard === undefined || guardAllows(rule.guard, text, at, !rule.needsLineStart)) anchored.push(i, at);
          continue;
        }
        const from = Math.max(0, at - rule.before);
        const to = Math.min(text.length, at + rule.after);
        const live =
          rule.tail === undefined || guardAllows(rule.tail, text, at + (this.keywordLengths[id] as number), true)
            ? 1
            : 0;
        let list = windows.get(i);
        if (!list) {
          list = [];
          windows.set(i, list);
        }
        const last = list.length - 3;
        if (last >= 0 && from <= (list[last + 1] as number) && to - (list[last] as number) <= MAX_RANGE) {
          list[last + 1] = Math.max(list[last + 1] as number, to);
          list[last + 2] = (list[last + 2] as number) | live;
        } else list.push(from, to, live);
      }
    }
    // Every run in order of position (each rule's own in the order they were made: a rule keeps the
    // first match it finds at a position), so that a text of bytes is turned into strings once.
    const windowed = inOrder(windows);
    let a = 0;
    let w = 0;
    while (a < anchored.length || w < windowed.length) {
      if (w >= windowed.length || (a < anchored.length && (anchored[a + 1] as number) <= (windowed[w] as number))) {
        const rule = this.rules[anchored[a] as number] as CompiledRule;
        const at = anchored[a + 1] as number;
        this.run(rule, text, at, Math.min(text.length, at + rule.after), at, seen, matches);
        a += 2;
      } else {
        const from = windowed[w] as number;
        this.run(
          this.rules[windowed[w + 2] as number] as CompiledRule,
          text,
          from,
          windowed[w + 1] as number,
          from,
          seen,
          matches,
        );
        w += 3;
      }
    }
    matches.sort((a, b) => a.start - b.start || (a.rule.id < b.rule.id ? -1 : 1));
    return { matches, runs };
  }

  /** Runs one rule over text[from, to); an anchored rule only at `at`. */
  private run(
    rule: CompiledRule,
    text: Text,
    from: number,
    to: number,
    at: number,
    seen: Set<string>,
    out: RawMatch[],
  ): void {
    // Rules that look at line starts get the slice from the line start when it is near, else a
    // NUL sentinel so `^` cannot match mid-line; the others get one character of left context.
    let nl = -1;
    let base: number;
    let slice: string;
    if (rule.needsLineStart) {
      nl = lineStartBefore(text, from);
      base = nl >= 0 ? nl : from - 1;
      slice = nl >= 0 ? text.slice(base, to) : `\u0000${text.slice(from, to)}`;
    } else {
      base = from > 0 ? from - 1 : 0;
      slice = text.slice(base, to);
    }
    const regex = rule.regex;
    regex.lastIndex = rule.anchored ? at - base : 0;
    for (let m = nextMatch(rule, slice); m !== null; m = rule.anchored ? null : nextMatch(rule, slice)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      const index = secretGroup(m);
      const secret = m[index] ?? m[0];
      const span = m.indices?.[index];
      if (!span) continue;
      const start = base + span[0];
      const key = `${rule.id}:${start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) continue;
      if (rule.validator !== "private-key" && placeholderReason(secret) !== undefined) continue;
      const linePrefix = nl >= 0 ? slice.slice(0, m.index) : undefined;
      if (!validate(rule.validator, { secret, groups: m.groups ?? {}, linePrefix })) continue;
      out.push({ rule, secret, start, end: base + span[1] });
    }
  }
}

/**
 * The live windows of every rule (see scanWithRuns) as (from, to, rule) triples by `from`; a
 * rule's own keep their order.
 */
function inOrder(windows: Map<number, number[]>): number[] {
  const out: number[] = [];
  for (const [i, list] of windows)
    for (let w = 0; w < list.length; w += 3)
      if (list[w + 2] === 1) out.push(list[w] as number, list[w + 1] as number, i);
  if (windows.size <= 1) return out;
  const order = Array.from({ length: out.length / 3 }, (_, k) => k);
  // Stable: triples with the same `from` stay in the order they were listed.
  order.sort((x, y) => (out[x * 3] as number) - (out[y * 3] as number));
  const sorted: number[] = [];
  for (const k of order) sorted.push(out[k * 3] as number, out[k * 3 + 1] as number, out[k * 3 + 2] as number);
  return sorted;
}

/**
 * The rule's next match in `slice` from its regex's lastIndex. A rule with a lead first moves
 * lastIndex to `lead` characters before the next keyword: a match starting earlier would hold a
 * keyword further on than that, before the next one; and with no keyword left no match is left.
 */
function nextMatch(rule: CompiledRule, slice: string): RegExpExecArray | null {
  const regex = rule.regex;
  if (rule.lead !== undefined && !rule.anchored) {
    let next = -1;
    for (const keyword of rule.keywords) {
      const at = slice.indexOf(keyword, regex.lastIndex);
      if (at !== -1 && (next === -1 || at < next)) next = at;
    }
    if (next === -1) {
      regex.lastIndex = 0;
      return null;
    }
    if (next - rule.lead > regex.lastIndex) regex.lastIndex = next - rule.lead;
  }
  return regex.exec(slice);
}

/** Start of the line holding `from` when it is at most LINE_LOOKBACK characters back, else -1. */
function lineStartBefore(text: Text, from: number): number {
  const stop = Math.max(0, from - LINE_LOOKBACK);
  for (let i = from - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return stop === 0 ? 0 : -1;
}

/** Index of the group holding the secret: `secret` when named, else the first group that matched, else 0. */
function secretGroup(m: RegExpExecArray): number {
  const named = m.indices?.groups?.secret;
  for (let g = 1; g < m.length; g++) {
    const span = m.indices?.[g];
    if (!span) continue;
    if (!named || (span[0] === named[0] && span[1] === named[1] && m[g] === m.groups?.secret)) return g;
  }
  return 0;
}
