import { parseDuration } from "../database/metadata.js";
import { AdvisoryError } from "../errors.js";
import type { SeverityLevel } from "../osv/severity.js";
import type { AdvisoryAction, AuditPolicy } from "./policy.js";

/** The `mode` and `advisories:` section of a validated tollgate.yml, in the camel-cased shape @tollgate/policy returns. */
export interface AdvisoryPolicyConfig {
  mode: "high-assurance" | "developer";
  advisories: {
    failOnSeverity: SeverityLevel;
    unmaintained: AdvisoryAction;
    unsound: AdvisoryAction;
    informational: AdvisoryAction;
    includeDevelopment: boolean;
    unknownSeverity: SeverityLevel;
    maxDatabaseAge: string;
    malformedRecords: "fail" | "skip";
    ignore: Array<{ id: string; reason: string; expires?: string | undefined }>;
  };
}

/** Maps a loaded policy (structurally; this package does not depend on @tollgate/policy) onto the audit's options. */
export function auditPolicyFromConfig(config: AdvisoryPolicyConfig): AuditPolicy {
  const a = config.advisories;
  const maxAge = parseDuration(a.maxDatabaseAge);
  if (maxAge === undefined) {
    throw new AdvisoryError("POLICY_INVALID", `advisories.max-database-age "${a.maxDatabaseAge}" is not a duration`, {
      hint: "write a number followed by d, h or m, e.g. 7d",
    });
  }
  return {
    mode: config.mode,
    failOnSeverity: a.failOnSeverity,
    unmaintained: a.unmaintained,
    unsound: a.unsound,
    informational: a.informational,
    includeDevelopment: a.includeDevelopment,
    unknownSeverity: a.unknownSeverity,
    maxDatabaseAgeMs: maxAge,
    malformedRecords: a.malformedRecords,
    // The policy file admits an ignore without expiry only in developer mode.
    ignore: a.ignore.map((e) => ({ id: e.id, reason: e.reason, expires: e.expires ?? "9999-12-31" })),
  };
}
