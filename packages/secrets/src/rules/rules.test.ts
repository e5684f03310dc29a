import { describe, expect, it } from "vitest";
import { Matcher } from "../detect/matcher.js";
import { builtinRules, compiledBuiltinRules } from "./builtin.js";
import { compileRule } from "./compile.js";
import examplesFile from "./rules.examples.json" with { type: "json" };
import { ruleExamplesFileSchema } from "./schema.js";

const examples = ruleExamplesFileSchema.parse(examplesFile).examples;
const rules = builtinRules().map((r) => ({ ...r, examples: examples[r.id] ?? { positive: [], negative: [] } }));
const matcher = new Matcher(compiledBuiltinRules());

describe("built-in rules file", () => {
  it("has unique ids and covers at least 220 rules", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(220);
  });

  it("gives every rule positive and negative examples, and no examples for rules that do not exist", () => {
    expect(
      rules.filter((r) => r.examples.positive.length === 0 || r.examples.negative.length === 0).map((r) => r.id),
    ).toEqual([]);
    expect(Object.keys(examples).filter((id) => !rules.some((r) => r.id === id))).toEqual([]);
  });

  it("declares keywords that occur in every positive example (the prefilter would miss it otherwise)", () => {
    const missing = rules.flatMap((r) =>
      r.examples.positive
        .filter((ex) => !r.keywords.some((k) => ex.toLowerCase().includes(k.toLowerCase())))
        .map(() => r.id),
    );
    expect(missing).toEqual([]);
  });
});

describe.each(rules.map((r) => [r.id, r] as const))("rule %s", (id, rule) => {
  it("finds its positive examples", () => {
    for (const example of rule.examples.positive) {
      expect(
        matcher.scan(example).map((m) => m.rule.id),
        example,
      ).toContain(id);
    }
  });

  it("stays silent on its negative examples", () => {
    const alone = new Matcher([compileRule(rule)]);
    for (const example of rule.examples.negative) {
      expect(
        alone.scan(example).map((m) => m.secret),
        example,
      ).toEqual([]);
    }
  });
});
