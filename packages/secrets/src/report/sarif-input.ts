import type { Severity } from "../rules/schema.js";
import type { Finding, ScanResult } from "./types.js";

/** SARIF levels, as @tollgate/github's buildSarif takes them. */
export type SarifLevelName = "error" | "warning" | "note";

/** A rule for the SARIF driver. Shaped like @tollgate/github's SarifRuleInput. */
export interface SecretsSarifRule {
  id: string;
  description: string;
  level: SarifLevelName;
  securitySeverity: string;
  tags: string[];
}

/** A result for SARIF. Shaped like @tollgate/github's SarifResultInput. */
export interface SecretsSarifResult {
  ruleId: string;
  message: string;
  file: string;
  line?: number;
  column?: number;
  fingerprint?: string;
  suppression?: { kind: "inSource" | "external"; justification: string };
}

const LEVEL: Record<Severity, SarifLevelName> = { critical: "error", high: "error", medium: "warning", low: "note" };
const SCORE: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };

/** The id of the SARIF rule that carries `unscanned` records. */
export const UNSCANNED_RULE = "unscanned";

/** Where a SARIF result points: the outer file on disk (code scanning cannot open archive members). */
function artifact(file: string): string {
  return file.split("!")[0] ?? file;
}

function result(f: Finding): SecretsSarifResult {
  const inner = f.file.includes("!") ? ` in ${f.file}` : "";
  const located = f.file.includes("!") ? {} : { line: f.line, column: f.column };
  return {
    ruleId: f.rule,
    message: `${f.description}: ${f.redacted}${inner}`,
    file: artifact(f.file),
    ...located,
    fingerprint: f.fingerprint,
  };
}

/**
 * The rules and results of a scan in the shape buildSarif takes: findings,
 * suppressed findings (with a SARIF suppression and its justification) and
 * unscanned records. Messages carry only redacted values.
 */
export function sarifInputs(scan: ScanResult): { rules: SecretsSarifRule[]; results: SecretsSarifResult[] } {
  const rules = new Map<string, SecretsSarifRule>();
  const addRule = (f: Finding): void => {
    rules.set(f.rule, {
      id: f.rule,
      description: f.description,
      level: LEVEL[f.severity],
      securitySeverity: SCORE[f.severity],
      tags: ["security", "secret"],
    });
  };
  const results: SecretsSarifResult[] = [];
  for (const f of scan.findings) {
    addRule(f);
    results.push(result(f));
  }
  for (const f of scan.suppressed) {
    addRule(f);
    results.push({
      ...result(f),
      suppression: { kind: f.suppressedBy === "inline" ? "inSource" : "external", justification: f.reason },
    });
  }
  if (scan.unscanned.length > 0) {
    rules.set(UNSCANNED_RULE, {
      id: UNSCANNED_RULE,
      description: "Content that was not scanned (a limit was hit, or it could not be read)",
      level: "error",
      securitySeverity: "5.0",
      tags: ["security"],
    });
    for (const u of scan.unscanned) {
      results.push({
        ruleId: UNSCANNED_RULE,
        message: `${u.file} not scanned (${u.reason}): ${u.detail}`,
        file: artifact(u.file),
      });
    }
  }
  return { rules: [...rules.values()], results };
}
