import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimFrom, claimIndex, sharedCursor } from "./claim.js";

describe("claimIndex", () => {
  it("hands out each index once, in order, and -1 once every known index is taken", () => {
    const cursor = sharedCursor();
    expect([claimIndex(cursor, 2), claimIndex(cursor, 2), claimIndex(cursor, 2)]).toEqual([0, 1, -1]);
    expect(claimIndex(cursor, 3)).toBe(2);
  });

  it("never hands out an index twice or past what the asking thread knows, and leaves none behind", () => {
    // Threads learn of the listed files at different times (each its own `known`) and take turns
    // at the shared cursor in any order: every file is taken exactly once.
    const step = fc.record({ thread: fc.nat(2), learn: fc.nat(5) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), fc.nat(300), (steps, listed) => {
        const cursor = sharedCursor();
        const known = [0, 0, 0];
        const taken: number[] = [];
        for (const { thread, learn } of steps) {
          known[thread] = Math.min(listed, (known[thread] as number) + learn);
          const index = claimIndex(cursor, known[thread] as number);
          if (index >= 0) {
            expect(index).toBeLessThan(known[thread] as number);
            taken.push(index);
          }
        }
        // Once the list is complete, each thread takes what is left.
        for (let thread = 0; thread < 3; thread++)
          for (let index = claimIndex(cursor, listed); index >= 0; index = claimIndex(cursor, listed))
            taken.push(index);
        expect(taken).toEqual(Array.from({ length: listed }, (_, i) => i));
      }),
    );
  });
});

describe("claimFrom", () => {
  it("takes the files of a list one after the other, then none", () => {
    const cursor = sharedCursor();
    const files = ["a", "b"];
    expect([claimFrom(cursor, files), claimFrom(cursor, files), claimFrom(cursor, files)]).toEqual([
      "a",
      "b",
      undefined,
    ]);
  });
});
