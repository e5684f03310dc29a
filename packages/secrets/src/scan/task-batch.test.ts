import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FileTask } from "../walk/list.js";
import { packTasks, unpackTasks } from "./task-batch.js";

describe("packTasks / unpackTasks", () => {
  it("hand over the same files in the same order, after those already there (property)", () => {
    // Any characters a path or name can hold: everything but NUL.
    const text = fc.string({ unit: "binary" }).map((s) => s.replaceAll("\0", ""));
    const task = fc.record({ path: text, name: text });
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 40 }), (tasks: FileTask[]) => {
        const into: FileTask[] = [{ path: "/first", name: "first" }];
        unpackTasks(packTasks(tasks), into);
        expect(into).toEqual([{ path: "/first", name: "first" }, ...tasks]);
      }),
      { numRuns: 500 },
    );
  });
});
