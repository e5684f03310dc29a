import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findJsonSyntaxError } from "./json-syntax.js";

describe("findJsonSyntaxError", () => {
  it("names the offset and the expectation where JSON stops being valid", () => {
    expect(findJsonSyntaxError('{"a": tru}')).toEqual({ offset: 6, expected: "a value" });
    expect(findJsonSyntaxError("[1,]")).toEqual({ offset: 3, expected: "a value" });
    expect(findJsonSyntaxError('{"a": 1 "b": 2}')).toEqual({
      offset: 8,
      expected: "',' or '}' after a property value",
    });
    expect(findJsonSyntaxError('{"a": 1}x')).toEqual({ offset: 8, expected: "the end of the input" });
    expect(findJsonSyntaxError('{"a')).toEqual({ offset: 3, expected: "a closing '\"' of the string" });
    expect(findJsonSyntaxError("")).toEqual({ offset: 0, expected: "a value" });
  });

  it("accepts exactly what JSON.parse accepts", () => {
    const accepts = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.json().map((j) => j.slice(0, -1)),
        ),
        (text) => {
          expect(findJsonSyntaxError(text) === undefined).toBe(accepts(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
