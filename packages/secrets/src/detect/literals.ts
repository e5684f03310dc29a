/** String literals joined across `+`, with where each piece came from. */
export interface JoinedLiteral {
  /** Offset of the first literal's content in the scanned text. */
  start: number;
  end: number;
  text: string;
  /** Offsets in `text` where one literal ends and the next begins. */
  junctions: number[];
}

const JUNCTION = /(["'`])[ \t]*\+[ \t\r\n]*(["'`])/g;
const MAX_LITERAL = 512;

function literalStart(text: string, close: number, quote: string): number {
  const stop = Math.max(0, close - MAX_LITERAL);
  for (let i = close - 1; i >= stop; i--) {
    const c = text[i];
    if (c === "\n") return -1;
    if (c === quote && text[i - 1] !== "\\") return i + 1;
  }
  return -1;
}

function literalEnd(text: string, open: number, quote: string): number {
  const stop = Math.min(text.length, open + 1 + MAX_LITERAL);
  for (let i = open + 1; i < stop; i++) {
    const c = text[i];
    if (c === "\n") return -1;
    if (c === quote && text[i - 1] !== "\\") return i;
  }
  return -1;
}

/**
 * Chains of string literals concatenated with `+` (`"ghp_abc" + "def…"`), as
 * minifiers and hand-split secrets leave them. Each literal is bounded, so
 * the cost stays linear in the text.
 */
export function joinedLiterals(text: string): JoinedLiteral[] {
  const out: JoinedLiteral[] = [];
  let current: JoinedLiteral | undefined;
  let currentEnd = -1;
  JUNCTION.lastIndex = 0;
  for (let m = JUNCTION.exec(text); m !== null; m = JUNCTION.exec(text)) {
    const leftQuote = m[1] as string;
    const rightQuote = m[2] as string;
    const open = m.index + m[0].length - 1;
    const close = literalEnd(text, open, rightQuote);
    if (close < 0) continue;
    const right = text.slice(open + 1, close);
    if (current && m.index === currentEnd) {
      current.junctions.push(current.text.length);
      current.text += right;
    } else {
      const start = literalStart(text, m.index, leftQuote);
      if (start < 0) continue;
      if (current) out.push(current);
      const left = text.slice(start, m.index);
      current = { start, end: close, text: left + right, junctions: [left.length] };
    }
    current.end = close;
    currentEnd = close;
    JUNCTION.lastIndex = close;
  }
  if (current) out.push(current);
  return out.filter((j) => j.text.length >= 16);
}
