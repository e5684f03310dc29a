import { sliceApart, type Text } from "./text.js";

/** String literals joined across `+`, with where each piece came from. */
export interface JoinedLiteral {
  /** Offset of the first literal's content in the scanned text. */
  start: number;
  end: number;
  text: string;
  /** Offsets in `text` where one literal ends and the next begins. */
  junctions: number[];
}

const MAX_LITERAL = 512;
const NEWLINE = 10;
const BACKSLASH = 92;

const isQuote = (c: number): boolean => c === 34 || c === 39 || c === 96;

/**
 * The next junction at or after `from`: a quote, spaces or tabs, `+`, white space and a quote
 * (what `/(["'`])[ \t]*\+[ \t\r\n]*(["'`])/g` matches), found from the `+` by a native
 * `indexOf` rather than by trying the pattern at every quote. Returns the offsets of both quotes.
 */
function nextJunction(text: Text, from: number): [number, number] | undefined {
  for (let plus = text.indexOf("+", from); plus !== -1; plus = text.indexOf("+", plus + 1)) {
    let left = plus - 1;
    for (let c = text.charCodeAt(left); left >= from && (c === 32 || c === 9); c = text.charCodeAt(left)) left--;
    if (left < from || !isQuote(text.charCodeAt(left))) continue;
    let right = plus + 1;
    for (let c = text.charCodeAt(right); c === 32 || c === 9 || c === 13 || c === 10; c = text.charCodeAt(right))
      right++;
    if (isQuote(text.charCodeAt(right))) return [left, right];
  }
  return undefined;
}

function literalStart(text: Text, close: number, quote: number): number {
  const stop = Math.max(0, close - MAX_LITERAL);
  for (let i = close - 1; i >= stop; i--) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) return -1;
    if (c === quote && text.charCodeAt(i - 1) !== BACKSLASH) return i + 1;
  }
  return -1;
}

function literalEnd(text: Text, open: number, quote: number): number {
  const stop = Math.min(text.length, open + 1 + MAX_LITERAL);
  for (let i = open + 1; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) return -1;
    if (c === quote && text.charCodeAt(i - 1) !== BACKSLASH) return i;
  }
  return -1;
}

/**
 * Chains of string literals concatenated with `+` (`"ghp_abc" + "def…"`), as
 * minifiers and hand-split secrets leave them. Each literal is bounded, so
 * the cost stays linear in the text.
 */
export function joinedLiterals(text: Text): JoinedLiteral[] {
  const out: JoinedLiteral[] = [];
  let current: JoinedLiteral | undefined;
  let currentEnd = -1;
  let from = 0;
  for (let j = nextJunction(text, from); j !== undefined; j = nextJunction(text, from)) {
    const [index, open] = j;
    from = open + 1;
    const leftQuote = text.charCodeAt(index);
    const rightQuote = text.charCodeAt(open);
    const close = literalEnd(text, open, rightQuote);
    if (close < 0) continue;
    const right = sliceApart(text, open + 1, close);
    if (current && index === currentEnd) {
      current.junctions.push(current.text.length);
      current.text += right;
    } else {
      const start = literalStart(text, index, leftQuote);
      if (start < 0) continue;
      if (current) out.push(current);
      const left = sliceApart(text, start, index);
      current = { start, end: close, text: left + right, junctions: [left.length] };
    }
    current.end = close;
    currentEnd = close;
    from = close;
  }
  if (current) out.push(current);
  return out.filter((j) => j.text.length >= 16);
}
