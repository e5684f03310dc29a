import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/compile.js";
import { analyzeText } from "./analyze.js";
import { Matcher } from "./matcher.js";
import { ByteText } from "./text.js";

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
