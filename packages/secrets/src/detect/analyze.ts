import type { Severity } from "../rules/schema.js";
import { decodedRuns } from "./decode.js";
import { joinedLiterals } from "./literals.js";
import type { Matcher, RawMatch } from "./matcher.js";
import type { Text } from "./text.js";

/** A secret found in a text, located by offsets in that text. */
export interface TextFinding {
  ruleId: string;
  description: string;
  severity: Severity;
  secret: string;
  /** Offsets in the scanned text; for decoded or joined secrets, those of the encoded run or literals. */
  start: number;
  end: number;
  /** How the secret was reached: e.g. `["base64"]`, `["concat"]`, `["base64", "hex"]`. */
  via: string[];
}

/** Options of one text analysis. */
export interface AnalyzeOptions {
  matcher: Matcher;
  /** How many layers of base64/hex/percent encoding are decoded (0 turns decoding off). */
  decodeDepth: number;
}

function toFinding(m: RawMatch, start: number, end: number, via: string[]): TextFinding {
  return {
    ruleId: m.rule.id,
    description: m.rule.description,
    severity: m.rule.severity,
    secret: m.secret,
    start,
    end,
    via,
  };
}

/**
 * Every secret in `text`: direct rule matches, secrets inside encoded runs
 * (decoded up to `decodeDepth` layers) and secrets split across concatenated
 * string literals. A generic finding that overlaps a provider finding is
 * dropped: the provider rule says more about the same bytes.
 */
export function analyzeText(text: Text, options: AnalyzeOptions, depth = 0): TextFinding[] {
  const { matches, runs } = options.matcher.scanWithRuns(text);
  const found: TextFinding[] = matches.map((m) => toFinding(m, m.start, m.end, []));
  if (depth < options.decodeDepth) {
    for (const run of decodedRuns(text, runs)) {
      for (const inner of analyzeText(run.text, options, depth + 1)) {
        found.push({ ...inner, start: run.start, end: run.end, via: [run.encoding, ...inner.via] });
      }
    }
  }
  if (depth === 0) {
    for (const joined of joinedLiterals(text)) {
      for (const m of options.matcher.scan(joined.text)) {
        // Only secrets that cross a junction are new; the others were matched in place.
        if (!joined.junctions.some((j) => m.start < j && m.end > j)) continue;
        found.push(toFinding(m, joined.start + m.start, joined.start + m.start + m.secret.length, ["concat"]));
      }
    }
  }
  return dropShadowed(found);
}

/** Rules that only say "a credential sits here"; a provider rule on the same bytes replaces them. */
const GENERIC = new Set(["generic-secret", "npmrc-auth-token", "docker-config-auth", "url-credentials"]);

function dropShadowed(found: TextFinding[]): TextFinding[] {
  const specific = found.filter((f) => !GENERIC.has(f.ruleId));
  const kept = found.filter((f) => !GENERIC.has(f.ruleId) || !specific.some((s) => s.start < f.end && f.start < s.end));
  const seen = new Set<string>();
  return kept
    .sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
    .filter((f) => {
      const key = `${f.ruleId}\u0000${f.start}\u0000${f.secret}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
