import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkSubjects, MAX_SUBJECTS } from "./statement.js";

describe("chunkSubjects", () => {
  it("keeps 1024 subjects in one chunk and splits the 1025th into a second", () => {
    const subjects = Array.from({ length: 1025 }, (_, i) => i);
    expect(chunkSubjects(subjects).map((c) => c.length)).toEqual([MAX_SUBJECTS, 1]);
  });

  it("preserves every subject in order, with no chunk over the limit or empty", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (items, size) => {
        const chunks = chunkSubjects(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.every((c) => c.length > 0 && c.length <= size)).toBe(true);
        expect(chunks.length).toBe(Math.ceil(items.length / size));
      }),
    );
  });
});
