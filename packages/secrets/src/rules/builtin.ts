import { SecretsError } from "../errors.js";
import { type CompiledRule, compileRule } from "./compile.js";
import rulesFile from "./rules.json" with { type: "json" };
import { type Rule, rulesFileSchema } from "./schema.js";

let rules: Rule[] | undefined;

/** The rules shipped with Tollgate, validated (once per process). */
export function builtinRules(): Rule[] {
  if (rules) return rules;
  const parsed = rulesFileSchema.safeParse(rulesFile);
  if (!parsed.success) {
    throw new SecretsError("SECRETS_BAD_RULES", `the built-in rules file is invalid: ${parsed.error.message}`, {
      hint: "run the rules tests: npx vitest run packages/secrets",
    });
  }
  rules = parsed.data.rules;
  return rules;
}

let compiled: CompiledRule[] | undefined;

/** The built-in rules, compiled once per process. */
export function compiledBuiltinRules(): CompiledRule[] {
  compiled ??= builtinRules().map(compileRule);
  return compiled;
}
