import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { analyzeText } from "./analyze.js";
import { Matcher } from "./matcher.js";
import { ByteText, sliceApart } from "./text.js";

const latin1 = (s: string): ByteText => new ByteText(Buffer.from(s, "latin1"));
/** Latin1 text with the characters the detectors look for (newlines, quotes, +, =, %) among others. */
const text = fc.string({
  unit: fc.constantFrom("a", "Z", "0", "\n", '"', "'", "+", "=", "%", " ", "\u00e9", "\u00ff", "\u0000"),
  maxLength: 60,
});

describe("ByteText", () => {
  it("slices, reads characters and searches as the latin1 string of its bytes (property)", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: -70, max: 70 }), fc.integer({ min: -70, max: 70 }), (s, a, b) => {
        const t = latin1(s);
        expect(t.length).toBe(s.length);
        expect(t.slice(a, b)).toBe(s.slice(a, b));
        expect(t.slice(a)).toBe(s.slice(a));
        expect(t.charCodeAt(a)).toEqual(s.charCodeAt(a));
        for (const search of ["\n", "+", "'", "=a", "\u00ff", "\u0100", ""]) {
          expect(t.indexOf(search, a)).toBe(s.indexOf(search, a));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("ByteText over more than one block", () => {
  // 300 KB of latin1 text: slices are cut from 64 KB blocks made as the slices move along.
  const big = Array.from({ length: 300_000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join("");
  const position = fc.integer({ min: -1000, max: big.length + 1000 });

  it("slices any sequence of ranges as the string does, in order or not (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(position, fc.integer({ min: 0, max: 140_000 }), fc.boolean()), { maxLength: 40 }),
        (ranges) => {
          const t = latin1(big);
          for (const [from, length, apart] of ranges) {
            const to = from + length;
            expect(apart ? sliceApart(t, from, to) : t.slice(from, to)).toBe(big.slice(from, to));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("slices in order of position, as the matcher asks, as the string does (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 200 }), (steps) => {
        const t = latin1(big);
        let at = 0;
        for (const step of steps) {
          at += step;
          // A line's look-back before the position, a rule window after it.
          const from = Math.max(0, at - 257);
          expect(t.slice(from, at + 320)).toBe(big.slice(from, at + 320));
          expect(t.slice(at, at + 64 * 1024 + 300)).toBe(big.slice(at, at + 64 * 1024 + 300));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("analyzeText over bytes", () => {
  const options = { matcher: new Matcher(compiledBuiltinRules()), decodeDepth: 2 };
  const TOKEN = "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";
  const pieces = [
    `token: "${TOKEN}"\n`,
    `k=${Buffer.from(`t=${TOKEN}`).toString("base64")};`,
    `var n="${TOKEN.slice(0, 11)}"+"${TOKEN.slice(11)}";`,
    "PASSWORD=hunter2hunter2hunter2\n",
    "https://user:s3cr3tPassw0rd@example.org/x ",
    "\u00e9\u00ff\u0000 x = 1; ",
  ];

  it("finds what the string finds in a text of several blocks, wherever the secrets sit (property)", () => {
    const filler = "const path = require('path'); export default token;\n".repeat(4000); // 200 KB
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: filler.length }), fc.constantFrom(...pieces)), { maxLength: 6 }),
        (inserts) => {
          // From the last position back, so that no piece lands inside another (which would break both).
          let s = filler;
          for (const [at, piece] of [...inserts].sort((a, b) => b[0] - a[0])) s = s.slice(0, at) + piece + s.slice(at);
          const found = analyzeText(latin1(s), options);
          expect(found).toEqual(analyzeText(s, options));
          expect(found.length).toBeGreaterThanOrEqual(inserts.filter(([, p]) => p.includes("ghp_")).length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("finds what it finds in the same text as a string (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 8 }), (parts) => {
        const s = parts.join("");
        expect(analyzeText(latin1(s), options)).toEqual(analyzeText(s, options));
      }),
      { numRuns: 200 },
    );
  });
});
