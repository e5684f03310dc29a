import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalMemberKeyLines } from "./json-canonical-lines.js";
import { locateJsonKeys } from "./json-locate.js";

const FIXTURES = new URL("../../../../../test/fixtures/lockfiles/npm/", import.meta.url).pathname;

/** What the character scan finds: the line of each key one level inside `member`. */
function scanned(text: string, member: string): Map<string, number> {
  const lines = new Map<string, number>();
  locateJsonKeys(
    text,
    (path, line) => {
      if (path.length === 2 && path[0] === member && path[1] !== undefined) lines.set(path[1], line);
    },
    2,
  );
  return lines;
}

const record = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe("canonicalMemberKeyLines", () => {
  it("finds the line of every package of the insomnia lockfile, as the character scan does", () => {
    const text = readFileSync(join(FIXTURES, "Kong__insomnia__package-lock.json"), "utf8");
    const lines = canonicalMemberKeyLines(text, record(text), "packages");
    expect(lines?.size).toBe(1830);
    expect(lines).toEqual(scanned(text, "packages"));
  });

  it("agrees with the character scan on any document npm could write, whatever the indent", () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom("", "0", "12", 'a"b', "a\\b", "\u2028", "é", "node_modules/@s/x"),
    );
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.oneof(value, fc.dictionary(key, value))),
        fc.dictionary(key, value),
        fc.oneof(
          fc.integer({ min: 1, max: 10 }).map((n) => " ".repeat(n)),
          fc.constantFrom("\t", "\t\t"),
        ),
        fc.boolean(),
        (packages, rest, indent, finalNewline) => {
          const document = { ...rest, packages };
          const text = JSON.stringify(document, null, indent) + (finalNewline ? "\n" : "");
          expect(canonicalMemberKeyLines(text, record(text), "packages")).toEqual(scanned(text, "packages"));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives an empty map for an empty member", () => {
    const text = `${JSON.stringify({ lockfileVersion: 3, packages: {} }, null, 2)}\n`;
    expect(canonicalMemberKeyLines(text, record(text), "packages")).toEqual(new Map());
  });

  it("declines any other layout, so that the character scan reads it", () => {
    const document = { name: "x", packages: { "": { name: "x" }, "node_modules/a": { version: "1.0.0" } } };
    const pretty = `${JSON.stringify(document, null, 2)}\n`;
    const variants = {
      minified: JSON.stringify(document),
      crlf: pretty.replaceAll("\n", "\r\n"),
      "an extra space": pretty.replace('"version": ', '"version":  '),
      "a blank line": pretty.replace("{\n", "{\n\n"),
      "two final newlines": `${pretty}\n`,
      "a duplicate key": pretty.replace('"name": "x",', '"name": "y",\n  "name": "x",'),
    };
    for (const [layout, text] of Object.entries(variants)) {
      expect(canonicalMemberKeyLines(text, record(text), "packages"), layout).toBeUndefined();
    }
  });

  it("declines a member that is not an object", () => {
    for (const packages of [[], "x", null, 1]) {
      const text = JSON.stringify({ packages }, null, 2);
      expect(canonicalMemberKeyLines(text, record(text), "packages"), JSON.stringify(packages)).toBeUndefined();
    }
  });
});
