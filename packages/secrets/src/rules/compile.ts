import { compileGuard, type Guard } from "../detect/guard.js";
import { keywordTailGuard } from "../detect/keyword-tail.js";
import { SecretsError } from "../errors.js";
import type { Rule, Severity } from "./schema.js";

/** A rule ready to run: its regex compiled with the macros expanded. */
export interface CompiledRule {
  id: string;
  description: string;
  severity: Severity;
  keywords: string[];
  regex: RegExp;
  entropy: number | undefined;
  validator: "github" | "npm" | "jwt" | "private-key" | "url-credentials" | "generic" | "generated" | undefined;
  /** True when the regex starts at the keyword: it is tried once per hit instead of across a window. */
  anchored: boolean;
  /** True when the rule looks at the start of the line (`^` in the regex, or the generic validator). */
  needsLineStart: boolean;
  before: number;
  after: number;
  /** A windowed rule's matches have a keyword at most this far from their start (see the rules schema). */
  lead: number | undefined;
  /** What an anchored rule's regex requires at its hit, checked before the regex runs. */
  guard: Guard | undefined;
  /**
   * What a windowed rule's regex requires right after its (only) keyword (keywordTailGuard): a
   * window none of whose hits passes it is not searched.
   */
  tail: Guard | undefined;
}

const MACROS: Record<string, string> = {
  "{{b}}": "(?<![A-Za-z0-9])",
  "{{e}}": "(?![A-Za-z0-9])",
  "{{assign}}": "[\\w.-]{0,20}?[\\s'\"\\x60]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'\"\\s=]{0,5}",
};

/** Expands the `{{b}}`, `{{e}}` and `{{assign}}` macros of a rule regex. */
export function expandMacros(source: string): string {
  return source.replace(/\{\{(?:b|e|assign)\}\}/g, (m) => MACROS[m] ?? m);
}

/** Compiles one rule; throws a SecretsError naming the rule when its regex is invalid. */
export function compileRule(rule: Rule): CompiledRule {
  let regex: RegExp;
  try {
    regex = new RegExp(expandMacros(rule.regex), rule.before === undefined ? "dy" : "dg");
  } catch (error) {
    throw new SecretsError("SECRETS_BAD_RULES", `rule ${rule.id} has an invalid regex`, {
      cause: error,
      hint: "fix the regex in packages/secrets/src/rules/rules.json",
    });
  }
  const window = rule.window ?? 320;
  return {
    id: rule.id,
    description: rule.description,
    severity: rule.severity,
    keywords: rule.keywords.map((k) => k.toLowerCase()),
    regex,
    entropy: rule.entropy,
    validator: rule.checksum ?? rule.validator,
    anchored: rule.before === undefined,
    needsLineStart: rule.validator === "generic" || /(?:^|[^\\[])\^/.test(rule.regex),
    before: rule.before ?? 0,
    after: window,
    lead: rule.lead,
    guard: rule.before === undefined ? compileGuard(regex.source) : undefined,
    tail:
      rule.before !== undefined && rule.keywords.length === 1
        ? keywordTailGuard(regex.source, rule.keywords[0] as string)
        : undefined,
  };
}
