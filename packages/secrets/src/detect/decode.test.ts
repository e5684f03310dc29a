import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodedRuns, isPrintable } from "./decode.js";
import { ByteText } from "./text.js";

/** The decoder as first written, with a regular expression per character class: the specification. */
function reference(text: string, runs: number[]): Array<[number, number, string, string]> {
  const out: Array<[number, number, string, string]> = [];
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] as number;
    let end = runs[r + 1] as number;
    while (end < text.length && end - (runs[r + 1] as number) < 2 && text.charCodeAt(end) === 61) end++;
    const before = text.slice(Math.max(0, start - 8), start);
    if (/(?:sha1|sha256|sha384|sha512|md5)[-:]$/i.test(before) || before.endsWith("base64,")) continue;
    const run = text.slice(start, end);
    let decoded: [string, Uint8Array] | undefined;
    if (run.includes("%")) {
      if ((run.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0) >= 3) {
        const bytes = run.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
        decoded = ["percent", Buffer.from(bytes, "latin1")];
      }
    } else if (/^[0-9a-fA-F]+$/.test(run)) {
      if (run.length >= 32 && run.length % 2 === 0) decoded = ["hex", Buffer.from(run, "hex")];
    } else if (!(/[+/]/.test(run) && /[-_]/.test(run)) && (/\d/.test(run) || /[+/=]/.test(run))) {
      decoded = ["base64", Buffer.from(run, "base64")];
    }
    if (!decoded || decoded[1].length < 12 || !isPrintable(decoded[1])) continue;
    out.push([start, end, decoded[0], Buffer.from(decoded[1]).toString("latin1")]);
  }
  return out;
}

const flat = (runs: ReturnType<typeof decodedRuns>) => runs.map((r) => [r.start, r.end, r.encoding, r.text]);
const b64 = (s: string): string => Buffer.from(s).toString("base64");

describe("decodedRuns", () => {
  it("decodes as the per-class regular expressions say, over a string and over bytes (property)", () => {
    const piece = fc.constantFrom(
      b64("token=abcdefghijklmnop"),
      Buffer.from("secret value here!").toString("hex"),
      "%74%6f%6b%65%6e%3d%61%62%63",
      "node_modules/some-package/lib",
      "someVeryLongIdentifierName",
      "sha512-",
      "base64,",
      "==",
      "\u0141",
      " ",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join("");
        // Every run of two or more alphabet characters, as the keyword filter would report it.
        const runs = [...text.matchAll(/[A-Za-z0-9+/_%-]{2,}/g)].flatMap((m) => [m.index, m.index + m[0].length]);
        expect(flat(decodedRuns(text, runs))).toEqual(reference(text, runs));
        // Only latin1 text has a byte form that decodes back to the same string.
        if ([...text].every((c) => (c.codePointAt(0) ?? 0) <= 0xff)) {
          expect(flat(decodedRuns(new ByteText(Buffer.from(text, "latin1")), runs))).toEqual(reference(text, runs));
        }
      }),
      { numRuns: 500 },
    );
  });
});
