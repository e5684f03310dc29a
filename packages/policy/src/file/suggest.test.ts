import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PolicyError } from "../errors.js";
import { parsePolicy } from "./load.js";
import { policyFileSchema } from "./schema.js";
import { editDistance, keysAt, nearestKey } from "./suggest.js";

const TOP = keysAt(policyFileSchema, []);

describe("unknown keys", () => {
  it("are listed from the schema at each path", () => {
    expect(keysAt(policyFileSchema, ["bans", "deny", 0])).toEqual([
      "name",
      "ecosystem",
      "version",
      "reason",
      "use-instead",
      "wrappers",
    ]);
  });

  it("are always rejected, at their line, whatever their name", () => {
    const key = fc.stringMatching(/^[a-z][a-z-]{0,15}$/).filter((k) => !TOP.includes(k));
    fc.assert(
      fc.property(key, (k) => {
        try {
          parsePolicy(`version: 1\n${k}: 1\n`, "tollgate.yml");
          return false;
        } catch (error) {
          return (
            error instanceof PolicyError &&
            error.location?.line === 2 &&
            error.message.startsWith(`${k}: unknown key \`${k}\``)
          );
        }
      }),
    );
  });

  it("suggest the valid key one typo away", () => {
    const typo = fc.tuple(
      fc.constantFrom(...TOP.filter((k) => k.length >= 5)),
      fc.nat(),
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
    );
    fc.assert(
      fc.property(typo, ([key, at, letter]) => {
        const i = at % key.length;
        const misspelt = key.slice(0, i) + letter + key.slice(i + 1);
        const near = nearestKey(misspelt, TOP);
        return near !== undefined && editDistance(near, misspelt) <= editDistance(key, misspelt);
      }),
    );
  });
});
