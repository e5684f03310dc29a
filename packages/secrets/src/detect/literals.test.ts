import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type JoinedLiteral, joinedLiterals } from "./literals.js";

/** The former implementation, junctions found by a regex: the reference the indexOf-based search must equal. */
function joinedByRegex(text: string): JoinedLiteral[] {
  const edge = (from: number, step: number, quote: string): number => {
    for (let i = from, n = 0; i >= 0 && i < text.length && n < 512; i += step, n++) {
      if (text[i] === "\n") return -1;
      if (text[i] === quote && text[i - 1] !== "\\") return i;
    }
    return -1;
  };
  const out: JoinedLiteral[] = [];
  let current: JoinedLiteral | undefined;
  let currentEnd = -1;
  const junction = /(["'`])[ \t]*\+[ \t\r\n]*(["'`])/g;
  for (let m = junction.exec(text); m !== null; m = junction.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = edge(open + 1, 1, m[2] as string);
    if (close < 0) continue;
    const right = text.slice(open + 1, close);
    if (current && m.index === currentEnd) {
      current.junctions.push(current.text.length);
      current.text += right;
    } else {
      const quote = edge(m.index - 1, -1, m[1] as string);
      if (quote < 0) continue;
      if (current) out.push(current);
      const left = text.slice(quote + 1, m.index);
      current = { start: quote + 1, end: close, text: left + right, junctions: [left.length] };
    }
    current.end = close;
    currentEnd = close;
    junction.lastIndex = close;
  }
  if (current) out.push(current);
  return out.filter((j) => j.text.length >= 16);
}

describe("joinedLiterals", () => {
  it("joins literals split across `+`, with the junction offsets", () => {
    expect(joinedLiterals(`const t = "ghp_I1oGJ9CKh6n9" + 'SK2B2iWMmRFDF2aD' +\n  "jx4LI3mB";`)).toEqual([
      { start: 11, end: 63, text: "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", junctions: [16, 32] },
    ]);
  });

  it("finds the same joined literals as the regex-based search (property)", () => {
    const piece = fc.constantFrom('"', "'", "`", " ", "\t", "\n", "\r", "+", "\\", "abcdefgh", "ijklmnopq");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        expect(joinedLiterals(text)).toEqual(joinedByRegex(text));
      }),
      { numRuns: 5000 },
    );
  });
});
