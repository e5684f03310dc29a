import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { expandMacros } from "../rules/compile.js";
import examplesFile from "../rules/rules.examples.json" with { type: "json" };
import { ruleExamplesFileSchema } from "../rules/schema.js";
import { compileGuard, guardAllows } from "./guard.js";
import { Matcher } from "./matcher.js";
import { ByteText } from "./text.js";

const allowed = (set: Uint8Array | undefined): string =>
  set
    ? [...set.keys()]
        .filter((c) => set[c] === 1 && c >= 32 && c < 127)
        .map((c) => String.fromCharCode(c))
        .join("")
    : "";

describe("compileGuard", () => {
  it("reads a leading lookbehind, literals and fixed repeats of a class", () => {
    const guard = compileGuard(expandMacros("{{b}}(SK[0-9a-fA-F]{32}){{e}}"));
    expect(allowed(guard?.behind)).toBe("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    expect(guard?.steps.map(allowed).slice(0, 3)).toEqual(["S", "K", "0123456789ABCDEFabcdef"]);
    expect(guard?.steps).toHaveLength(34);
  });

  it("folds case inside (?i:…) and stops at the first count that varies", () => {
    const guard = compileGuard("(?i:ab)[0-9]{2,}x");
    expect(guard?.behind).toBeUndefined();
    expect(guard?.steps.map(allowed)).toEqual(["Aa", "Bb", "0123456789", "0123456789"]);
  });

  it("reads each alternative of a group in place, and stops at optional parts and quantified groups", () => {
    expect(compileGuard("ab(?:c|d)e")?.any?.map((g) => g.steps.map(allowed).join(""))).toEqual(["abce", "abde"]);
    expect(compileGuard("ab(?:c|d?)e")?.any?.map((g) => g.steps.map(allowed).join(""))).toEqual(["abce", "ab"]);
    expect(compileGuard("ab?c")?.steps.map(allowed)).toEqual(["a"]);
    expect(compileGuard("a(?:bc){2}")?.steps.map(allowed)).toEqual(["a"]);
    expect(compileGuard("x[^\\s'\"]{3}")?.steps.map((s) => s[32] === 0 && s[39] === 0 && s[65] === 1)).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it("gives no guard for a start it does not read (word boundaries, lookahead, back references)", () => {
    expect(compileGuard("\\bfoo")).toBeUndefined();
    expect(compileGuard("(?=x)abc")).toBeUndefined();
    expect(compileGuard("(a)\\1")).toBeUndefined();
  });

  it("reads runs of bounded length and the literal after them as the tail", () => {
    const guard = compileGuard(expandMacros("(?i:expo)[\\w.-]{0,20}(?i:token){{assign}}([A-Za-z0-9_-]{40})"));
    expect(guard?.steps.map(allowed)).toEqual(["Ee", "Xx", "Pp", "Oo"]);
    expect(guard?.tail?.gaps.map((g) => [g.min, g.max])).toEqual([[0, 20]]);
    expect(guard?.tail?.next.map((s) => s.map(allowed).join(" "))).toEqual(["Tt Oo Kk Ee Nn"]);
    const allows = (s: string): boolean => guardAllows(guard as NonNullable<typeof guard>, s, 0, true);
    expect(allows("export const token = 1")).toBe(false);
    expect(allows("EXPO_ACCESS_TOKEN=x")).toBe(true);
    expect(allows("expo.token")).toBe(true);
    expect(allows("expo_a_very_long_name_here_token")).toBe(false);
  });

  it("takes the fixed start of each alternative after the runs", () => {
    const guard = compileGuard("(?i:ab)[\\w]{0,3}(?:=|:{1,3}=|\\|\\|)x");
    expect(guard?.tail?.next.map((s) => s.map(allowed).join(""))).toEqual(["=", ":", "||"]);
    expect(compileGuard("ab[c]{0,3}(?:x|y?)")?.tail).toBeUndefined();
  });

  it("rejects a hit whose bytes break the guard, and passes characters above 255", () => {
    const guard = compileGuard(expandMacros("{{b}}(0\\.[0-9a-f]{2})")) as NonNullable<ReturnType<typeof compileGuard>>;
    const at = (s: string, i: number, lookbehind = true): boolean =>
      guardAllows(guard, new ByteText(Buffer.from(s, "latin1")), i, lookbehind) && guardAllows(guard, s, i, lookbehind);
    expect(at(" 0.ab", 1)).toBe(true);
    expect(at("x0.ab", 1)).toBe(false);
    expect(at("x0.ab", 1, false)).toBe(true);
    expect(at(" 0.5", 1)).toBe(false);
    expect(at(" 0.a", 1)).toBe(false);
    expect(guardAllows(guard, " 0.\u0101b", 1, true)).toBe(true);
  });
});

describe("guarded matching", () => {
  const rules = compiledBuiltinRules();
  const guarded = new Matcher(rules);
  const unguarded = new Matcher(rules.map((r) => ({ ...r, guard: undefined })));
  const examples = Object.values(ruleExamplesFileSchema.parse(examplesFile).examples).flatMap((e) => [
    ...e.positive,
    ...e.negative,
  ]);
  const keywords = [...new Set(rules.flatMap((r) => r.keywords))];
  const found = (matcher: Matcher, text: string | ByteText): string[] =>
    matcher.scan(text).map((m) => `${m.rule.id} ${m.start}-${m.end} ${m.secret}`);

  it("finds every positive example's rule as the regexes alone do", () => {
    for (const example of examples) expect(found(guarded, example)).toEqual(found(unguarded, example));
  });

  it("finds what the regexes alone find in examples cut, mutated and glued together (property)", () => {
    const mutated = fc
      .tuple(
        fc.constantFrom(...examples),
        fc.nat(),
        fc.constantFrom("a", "Z", "0", "_", "-", ".", " ", "\n", "=", "\u00e9"),
      )
      .map(([example, at, c]) => {
        const i = at % (example.length + 1);
        return example.slice(0, i) + c + example.slice(i + 1);
      });
    const piece = fc.oneof(
      fc.constantFrom(...examples),
      mutated,
      fc.constantFrom(...keywords, ...keywords.map((k) => k.toUpperCase())),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const text = pieces.join("");
        expect(found(guarded, text)).toEqual(found(unguarded, text));
        const bytes = new ByteText(Buffer.from(text, "latin1"));
        if ([...text].every((c) => c.charCodeAt(0) <= 0xff))
          expect(found(guarded, bytes)).toEqual(found(unguarded, bytes));
      }),
      { numRuns: 3000 },
    );
  });
});
