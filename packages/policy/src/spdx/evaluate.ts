import { type LicenseTerm, type LicenseTree, parseLicense, termsOf, termText } from "./normalize.js";

/** The licenses a package may use: the policy's allow list (plus its exceptions) minus the deny list. */
export interface LicenseRules {
  /** Allowed terms as canonical text; undefined means any valid SPDX license that is not denied. */
  allow?: ReadonlySet<string>;
  deny: ReadonlySet<string>;
}

/** The outcome of checking one package's license. */
export type LicenseVerdict =
  | { status: "allowed"; expression: string }
  | { status: "denied"; expression: string; terms: string[] }
  | { status: "not-allowed"; expression: string; terms: string[] }
  | { status: "unknown"; raw: string | undefined };

/** Turns allow/deny entries (SPDX expressions) into sets of canonical terms; an entry's `OR`/`AND` terms are each listed. */
export function termSet(entries: readonly string[]): Set<string> {
  const set = new Set<string>();
  for (const entry of entries) {
    const tree = parseLicense(entry);
    if (tree) for (const term of termsOf(tree)) set.add(termText(term));
  }
  return set;
}

function denied(term: LicenseTerm, rules: LicenseRules): boolean {
  return rules.deny.has(termText(term));
}

function allowed(term: LicenseTerm, rules: LicenseRules): boolean {
  if (denied(term, rules)) return false;
  if (rules.allow === undefined) return true;
  if (rules.allow.has(termText(term))) return true;
  // "X or later" may be taken under X itself, so it passes when X (same exception) is allowed.
  return term.orLater && rules.allow.has(termText({ ...term, orLater: false }));
}

function satisfied(tree: LicenseTree, rules: LicenseRules): boolean {
  if ("term" in tree) return allowed(tree.term, rules);
  return tree.op === "or"
    ? satisfied(tree.left, rules) || satisfied(tree.right, rules)
    : satisfied(tree.left, rules) && satisfied(tree.right, rules);
}

/**
 * Checks a license expression against the rules: `OR` passes if any branch passes, `AND`
 * needs every part, `WITH` must be allowed as written. Non-SPDX strings are `unknown`, never corrected.
 */
export function evaluateLicense(raw: string | undefined, rules: LicenseRules): LicenseVerdict {
  const text = raw?.trim();
  if (text === undefined || text === "") return { status: "unknown", raw };
  const tree = parseLicense(text);
  if (tree === undefined) return { status: "unknown", raw };
  if (satisfied(tree, rules)) return { status: "allowed", expression: text };
  const terms = termsOf(tree);
  const bad = terms.filter((t) => denied(t, rules)).map(termText);
  if (bad.length > 0) return { status: "denied", expression: text, terms: [...new Set(bad)] };
  const missing = terms.filter((t) => !allowed(t, rules)).map(termText);
  return { status: "not-allowed", expression: text, terms: [...new Set(missing)] };
}
