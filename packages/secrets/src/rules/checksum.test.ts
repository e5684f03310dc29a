import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base62, crc32, hasValidTokenChecksum } from "./checksum.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const body = fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 30, maxLength: 30 });

describe("token checksums", () => {
  it("computes the IEEE CRC-32 of ASCII text", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  it("encodes base62 with zero padding", () => {
    expect(base62(0, 6)).toBe("000000");
    expect(base62(61, 2)).toBe("0z");
    expect(base62(62, 1)).toBe("10");
  });

  it("accepts a GitHub token from the corpus whose last 6 characters are the base62 CRC-32 of the body", () => {
    expect(hasValidTokenChecksum("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")).toBe(true);
    expect(hasValidTokenChecksum("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")).toBe(true);
  });

  it("rejects a look-alike with one character changed", () => {
    expect(hasValidTokenChecksum("ghp_I1oGJ9CKh6n9SK2B2iWMmRFDF2aDjx4LI3mC")).toBe(false);
    expect(hasValidTokenChecksum("ghp_J1oGJ9CKh6n9SK2B2iWMmRFDF2aDjx4LI3mB")).toBe(false);
  });

  it("validates every token built with the published scheme, for any prefix", () => {
    fc.assert(
      fc.property(body, fc.constantFrom("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"), (b, prefix) => {
        expect(hasValidTokenChecksum(`${prefix}${b}${base62(crc32(b), 6)}`)).toBe(true);
      }),
    );
  });

  it("rejects tokens of the wrong length", () => {
    expect(hasValidTokenChecksum("ghp_abc")).toBe(false);
  });
});
