import type { SarifLevel, SarifLog, SarifResult, SarifRule } from "./sarif-log.js";

/** A rule a result refers to. */
export interface SarifRuleInput {
  id: string;
  description: string;
  helpUri?: string;
  level: SarifLevel;
  /** CVSS-like score 0.0–10.0 as text; GitHub code scanning ranks alerts by it. */
  securitySeverity?: string;
  tags?: string[];
}

/** One finding. `file` is relative to the repository root with `/` separators. */
export interface SarifResultInput {
  ruleId: string;
  level?: SarifLevel;
  /** Must not contain a secret: redact before passing it. */
  message: string;
  file: string;
  line?: number;
  column?: number;
  /** A stable identity of the finding across runs (never the secret itself). */
  fingerprint?: string;
  properties?: Record<string, unknown>;
  /** Set when the finding was accepted: `inSource` for an inline marker, `external` for a policy or baseline. */
  suppression?: { kind: "inSource" | "external"; justification: string };
}

export interface BuildSarifOptions {
  /** Tool name shown in code scanning, e.g. `tollgate-secrets`. */
  toolName: string;
  toolVersion: string;
  informationUri?: string;
  rules: SarifRuleInput[];
  results: SarifResultInput[];
}

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds a SARIF 2.1.0 log with rules and results sorted, so the same findings give the same bytes. */
export function buildSarif(options: BuildSarifOptions): SarifLog {
  const rules = [...new Map(options.rules.map((r) => [r.id, r])).values()].sort((a, b) => compare(a.id, b.id));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifRules: SarifRule[] = rules.map((r) => {
    const rule: SarifRule = {
      id: r.id,
      shortDescription: { text: r.description },
      defaultConfiguration: { level: r.level },
    };
    if (r.helpUri) rule.helpUri = r.helpUri;
    if (r.securitySeverity || r.tags) {
      rule.properties = {};
      if (r.securitySeverity) rule.properties["security-severity"] = r.securitySeverity;
      if (r.tags) rule.properties.tags = [...r.tags].sort(compare);
    }
    return rule;
  });
  const results: SarifResult[] = options.results
    .map((r) => {
      const ruleIndex = index.get(r.ruleId);
      if (ruleIndex === undefined) throw new Error(`SARIF result refers to unknown rule ${r.ruleId}`);
      const region =
        r.line === undefined
          ? undefined
          : r.column === undefined
            ? { startLine: r.line }
            : { startLine: r.line, startColumn: r.column };
      const result: SarifResult = {
        ruleId: r.ruleId,
        ruleIndex,
        level: r.level ?? rules[ruleIndex]?.level ?? "error",
        message: { text: r.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: r.file }, ...(region ? { region } : {}) } }],
      };
      if (r.fingerprint) result.partialFingerprints = { "tollgate/v1": r.fingerprint };
      if (r.properties) result.properties = r.properties;
      if (r.suppression)
        result.suppressions = [{ kind: r.suppression.kind, justification: r.suppression.justification }];
      return result;
    })
    .sort(
      (a, b) =>
        compare(
          a.locations[0]?.physicalLocation.artifactLocation.uri ?? "",
          b.locations[0]?.physicalLocation.artifactLocation.uri ?? "",
        ) ||
        (a.locations[0]?.physicalLocation.region?.startLine ?? 0) -
          (b.locations[0]?.physicalLocation.region?.startLine ?? 0) ||
        compare(a.ruleId, b.ruleId) ||
        compare(a.message.text, b.message.text),
    );
  return {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.toolVersion,
            informationUri: options.informationUri ?? "https://github.com/tollgate-dev/tollgate",
            rules: sarifRules,
          },
        },
        results,
      },
    ],
  };
}
