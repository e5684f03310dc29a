import type { SeverityLevel } from "../osv/severity.js";

/** What to do with a class of advisories. */
export type AdvisoryAction = "deny" | "warn" | "allow";

/** An accepted advisory: by id or alias, with why and until when (YYYY-MM-DD, inclusive). */
export interface IgnoreEntry {
  id: string;
  reason: string;
  expires: string;
}

/** The advisory gate's settings, as plain values (the CLI maps tollgate.yml onto them). */
export interface AuditPolicy {
  /** high-assurance: findings fail; developer: findings are warnings (errors still fail). */
  mode: "high-assurance" | "developer";
  /** The lowest severity that fails the gate. */
  failOnSeverity: SeverityLevel;
  unmaintained: AdvisoryAction;
  unsound: AdvisoryAction;
  informational: AdvisoryAction;
  /** Audit development-only dependencies too. */
  includeDevelopment: boolean;
  /** How to rate an advisory that states no severity. */
  unknownSeverity: SeverityLevel;
  /** Oldest acceptable offline database, in ms. */
  maxDatabaseAgeMs: number;
  /** A malformed advisory record fails the audit, or is reported and skipped. */
  malformedRecords: "fail" | "skip";
  ignore: IgnoreEntry[];
}

/** The defaults (those of tollgate.yml): every vulnerability fails, unknowns count as critical, RustSec notices warn. */
export const DEFAULT_AUDIT_POLICY: AuditPolicy = {
  mode: "high-assurance",
  failOnSeverity: "low",
  unmaintained: "warn",
  unsound: "warn",
  informational: "allow",
  includeDevelopment: true,
  unknownSeverity: "critical",
  maxDatabaseAgeMs: 7 * 86_400_000,
  malformedRecords: "fail",
  ignore: [],
};

/** The calendar date (UTC) of a time, as YYYY-MM-DD. */
export function isoDate(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** Whether an ignore has expired on `today` (it is valid through its expiry date). */
export function isExpired(entry: IgnoreEntry, today: string): boolean {
  return entry.expires < today;
}
