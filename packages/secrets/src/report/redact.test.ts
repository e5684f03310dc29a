import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";

describe("redact", () => {
  it("keeps the first 3 and last 3 characters around ***", () => {
    expect(redact("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")).toBe("ghp***3mB");
  });

  it("masks short secrets entirely", () => {
    expect(redact("hunter2pass")).toBe("***");
  });

  it("never contains the hidden middle of a secret", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 200 }), (secret) => {
        const out = redact(secret);
        // Either fully masked, or 3 characters, ***, 3 characters: at most 6 characters of the secret show.
        expect(out === "***" || (out.length === 9 && out.slice(3, 6) === "***")).toBe(true);
      }),
    );
  });
});
