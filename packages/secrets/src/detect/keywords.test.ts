import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { encodedRuns, KeywordFilter } from "./keywords.js";

const KEYWORDS = [...new Set(compiledBuiltinRules().flatMap((r) => r.keywords))].sort();
const filter = new KeywordFilter(KEYWORDS);

/** Every (start, keyword id) by comparing every keyword at every position: what the filter must find. */
function naiveHits(text: string): Array<[number, number]> {
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const out: Array<[number, number]> = [];
  for (let s = 0; s < lower.length; s++) {
    KEYWORDS.forEach((k, id) => {
      if (lower.startsWith(k, s)) out.push([s, id]);
    });
  }
  return out;
}

function hits(text: string): Array<[number, number]> {
  const { ids, starts } = filter.search(text);
  return ids.map((id, i) => [starts[i] as number, id]);
}

/** Runs of encoded alphabet by looking at every byte. */
function naiveRuns(text: string, minRun: number): number[] {
  const runs: number[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && /[A-Za-z0-9+/_%-]/.test(text[i] as string)) continue;
    if (i - start >= minRun) runs.push(start, i);
    start = i + 1;
  }
  return runs;
}

describe("KeywordFilter", () => {
  it("finds keywords case-insensitively, overlapping ones included, by start", () => {
    const text = "x SK-ant-api03 0.5 Token";
    expect(hits(text).map(([s, id]) => [s, KEYWORDS[id]])).toEqual([
      [2, "sk"],
      [2, "sk-"],
      [2, "sk-ant-api03"],
      [15, "0."],
      [19, "token"],
    ]);
  });

  it("finds two-byte keywords at the very start and end of the text", () => {
    expect(hits("sk")).toEqual(naiveHits("sk"));
    expect(hits("0.")).toEqual(naiveHits("0."));
    expect(hits("a q~")).toEqual(naiveHits("a q~"));
  });

  it("finds the same reading bytes one by one, as on a big-endian machine (property)", () => {
    const portable = new KeywordFilter(KEYWORDS, { words: false });
    const piece = fc.oneof(fc.constantFrom(...KEYWORDS), fc.string({ maxLength: 5 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        const { ids, starts } = portable.search(text);
        expect(ids.map((id, i) => [starts[i], id])).toEqual(naiveHits(text));
      }),
      { numRuns: 500 },
    );
  });

  it("runs its candidate loop and the encoded-run search in WebAssembly, which find what the JavaScript loops find (property)", () => {
    const js = new KeywordFilter(KEYWORDS, { wasm: false });
    expect([filter.engine, js.engine]).toEqual(["wasm", "words"]);
    const piece = fc.oneof(
      fc.constantFrom(...KEYWORDS),
      fc.constantFrom(...KEYWORDS).map((k) => k.toUpperCase()),
      fc.string({ maxLength: 5 }),
      // Long filler: the WebAssembly memory grows past its first 128 KB of input.
      fc.integer({ min: 1, max: 300_000 }).map((n) => "x = path.join(a, b);\n".repeat(Math.ceil(n / 21))),
      // Encoded runs around 24 bytes long, and more of them than one call of the module returns.
      fc.integer({ min: 20, max: 30 }).map((n) => `${"Zm9v".repeat(8).slice(0, n)} `),
      fc.integer({ min: 4000, max: 4200 }).map((n) => `${"QUJDRA+/".repeat(4)}, `.repeat(n)),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join("");
        expect(filter.search(text)).toEqual(js.search(text));
        const bytes = Buffer.from(text, "latin1");
        expect(filter.searchBytes(bytes)).toEqual(js.searchBytes(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it("finds exactly what a naive search finds, at every alignment (property)", () => {
    // Pieces of keywords and filler, so that keywords (and near misses) occur at odd and even offsets.
    const piece = fc.oneof(
      fc.constantFrom(...KEYWORDS),
      fc.constantFrom(...KEYWORDS).map((k) => k.toUpperCase().slice(0, Math.max(1, k.length - 1))),
      fc.string({
        unit: fc.constantFrom("a", "s", "k", "0", ".", " ", "_", "~", "q", "e", "y", "j", "\n"),
        maxLength: 5,
      }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(hits(text)).toEqual(naiveHits(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("encodedRuns", () => {
  it("reports runs of at least minRun alphabet bytes, up to the end of the input", () => {
    const text = `a=${"Zm9v".repeat(6)}; x ${"ab".repeat(11)};${"0f".repeat(12)}`;
    expect(encodedRuns(Buffer.from(text, "latin1"), text.length, 24)).toEqual([2, 26, 53, 77]);
  });

  it("equals a byte-by-byte scan (property)", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "Z", "0", "+", "/", "_", "%", "-", " ", ".", "=", "\n"),
      maxLength: 200,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 30 }), (t, minRun) => {
        expect(encodedRuns(Buffer.from(t, "latin1"), t.length, minRun)).toEqual(naiveRuns(t, minRun));
      }),
      { numRuns: 2000 },
    );
  });
});
