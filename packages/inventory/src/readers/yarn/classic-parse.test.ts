import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InventoryError } from "../../errors.js";
import { anyText } from "../__tests__/js-fixtures.js";
import { parseYarnClassic } from "./classic-parse.js";

describe("parseYarnClassic", () => {
  it("reads headers with several descriptors, quoted and bare, fields and nested maps", () => {
    const text = [
      "# yarn lockfile v1",
      "",
      '"@s/a@^1.0.0", "@s/a@^1.1.0":',
      '  version "1.2.0"',
      "  integrity sha512-abc",
      "  dependencies:",
      '    b "^2"',
      '    "@s/c" "3.x"',
      "",
      "b@^2:",
      '  version "2.0.0"',
      "",
    ].join("\n");
    const entries = parseYarnClassic(text, "yarn.lock");
    expect(entries.map((e) => [e.descriptors, e.line, Object.fromEntries(e.fields)])).toEqual([
      [["@s/a@^1.0.0", "@s/a@^1.1.0"], 3, { version: "1.2.0", integrity: "sha512-abc" }],
      [["b@^2"], 10, { version: "2.0.0" }],
    ]);
    expect(Object.fromEntries(entries[0]?.maps.get("dependencies") ?? [])).toEqual({ b: "^2", "@s/c": "3.x" });
  });

  it("reads CRLF line endings like LF", () => {
    const entries = parseYarnClassic('a@^1:\r\n  version "1.0.0"\r\n', "yarn.lock");
    expect(entries[0]?.fields.get("version")).toBe("1.0.0");
  });

  it.each([
    ['a@^1\n  version "1"\n', 1, 1, "':' at the end of an entry header"],
    ['a@^1:\n   version "1"\n', 2, 4, "an indentation of 0, 2 or 4 spaces"],
    ['a@^1:\n  version "1\n', 2, 11, "a closing '\"' of a value"],
    ['  version "1"\n', 1, 3, "an entry header before indented lines"],
    ['a@^1:\n    b "1"\n', 2, 5, "a field that opens a map (e.g. 'dependencies:') before this line"],
    ['"a@^1" b@^2:\n', 1, 7, "',' or ':' after a descriptor"],
  ])("names line, column and expectation of a malformed file (%#)", (text, line, column, expected) => {
    try {
      parseYarnClassic(text, "yarn.lock");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InventoryError);
      expect((error as InventoryError).location).toEqual({ file: "yarn.lock", line, column });
      expect((error as InventoryError).message).toBe(
        `yarn.lock is not a valid yarn lockfile: expected ${expected} at line ${line} column ${column}`,
      );
    }
  });

  it("never throws anything but InventoryError", () => {
    const lines = fc.array(
      fc.oneof(
        fc.string(),
        fc.constantFrom(
          "a@^1:",
          '  version "1.0.0"',
          "  dependencies:",
          '    b "^2"',
          '"x@1", y@2:',
          "  integrity sha1-x",
        ),
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          lines.map((l) => l.join("\n")),
        ),
        (text) => {
          try {
            parseYarnClassic(text, "yarn.lock");
          } catch (error) {
            if (!(error instanceof InventoryError)) throw error;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
