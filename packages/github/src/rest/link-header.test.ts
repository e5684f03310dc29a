import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nextLink } from "./link-header.js";

describe("nextLink", () => {
  it("finds rel=next among GitHub's links", () => {
    const header =
      '<https://api.github.com/repositories/1/releases?page=1>; rel="prev", <https://api.github.com/repositories/1/releases?page=3>; rel="next", <https://api.github.com/repositories/1/releases?page=5>; rel="last"';
    expect(nextLink(header)).toBe("https://api.github.com/repositories/1/releases?page=3");
  });

  it("returns undefined on the last page and without a header", () => {
    expect(nextLink('<https://api.github.com/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it("finds the next URL wherever it sits in the list", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("prev", "first", "last"), { maxLength: 4 }), fc.nat(4), (others, at) => {
        const parts = others.map((rel, i) => `<https://h.example/${rel}?p=${i}>; rel="${rel}"`);
        parts.splice(Math.min(at, parts.length), 0, '<https://h.example/n?page=2>; rel="next"');
        expect(nextLink(parts.join(", "))).toBe("https://h.example/n?page=2");
      }),
    );
  });
});
