import cvss from "ae-cvss-calculator";
import type { OsvRecord } from "./schema.js";

/** Severity levels, lowest first; the names are GitHub's, which policies use. */
export const SEVERITY_LEVELS = ["low", "moderate", "high", "critical"] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

/** The severity of an advisory: the highest of its CVSS scores and its database's label. */
export interface Severity {
  /** `unknown` when the advisory states none (the policy decides how to rate it). */
  level: SeverityLevel | "unknown";
  /** The CVSS base score 0.0–10.0, when a vector gave one. */
  score?: number;
  /** The CVSS vector the score was computed from. */
  vector?: string;
}

/** The rank of a level for comparisons; unknown is below low (policy maps it before comparing). */
export function severityRank(level: SeverityLevel | "unknown"): number {
  return level === "unknown" ? -1 : SEVERITY_LEVELS.indexOf(level);
}

/** The qualitative rating of a CVSS base score (None is reported as low). */
export function levelOfScore(score: number): SeverityLevel {
  return score >= 9 ? "critical" : score >= 7 ? "high" : score >= 4 ? "moderate" : "low";
}

/** Computes a CVSS v3.0/v3.1/v4.0 base score with ae-cvss-calculator; undefined when the vector is invalid. */
export function cvssBaseScore(vector: string): number | undefined {
  try {
    const calculator = vector.startsWith("CVSS:4.0/")
      ? new cvss.Cvss4P0(vector)
      : vector.startsWith("CVSS:3.1/")
        ? new cvss.Cvss3P1(vector)
        : vector.startsWith("CVSS:3.0/")
          ? new cvss.Cvss3P0(vector)
          : undefined;
    if (!calculator) return undefined;
    const base = calculator.calculateScores().base;
    return typeof base === "number" && Number.isFinite(base) ? base : undefined;
  } catch {
    return undefined;
  }
}

const LABELS: Record<string, SeverityLevel> = {
  LOW: "low",
  MODERATE: "moderate",
  MEDIUM: "moderate",
  HIGH: "high",
  CRITICAL: "critical",
};

/** Where a severity came from, and any vector that could not be scored (a malformed record). */
export interface SeverityResult {
  severity: Severity;
  invalidVectors: string[];
}

/** Rates a record: every CVSS_V3/CVSS_V4 vector (top level and per package) and database_specific.severity; highest wins. */
export function rateSeverity(record: OsvRecord): SeverityResult {
  const entries = [...(record.severity ?? []), ...(record.affected ?? []).flatMap((a) => a.severity ?? [])];
  let best: Severity = { level: "unknown" };
  const invalidVectors: string[] = [];
  const consider = (candidate: Severity) => {
    const rank = severityRank(candidate.level) - severityRank(best.level);
    if (rank > 0 || (rank === 0 && (candidate.score ?? -1) > (best.score ?? -1))) best = candidate;
  };
  for (const entry of entries) {
    if (entry.type !== "CVSS_V3" && entry.type !== "CVSS_V4") continue;
    const score = cvssBaseScore(entry.score);
    if (score === undefined) invalidVectors.push(entry.score);
    else consider({ level: levelOfScore(score), score, vector: entry.score });
  }
  const label = record.database_specific?.severity;
  if (typeof label === "string" && LABELS[label.toUpperCase()])
    consider({ level: LABELS[label.toUpperCase()] as SeverityLevel });
  return { severity: best, invalidVectors: [...new Set(invalidVectors)].sort() };
}
