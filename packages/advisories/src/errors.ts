import { TollgateError } from "@tollgate/errors";

/** Stable codes of every error the advisories package raises. */
export type AdvisoryErrorCode =
  | "INVALID_VERSION"
  | "UNSUPPORTED_ECOSYSTEM"
  | "MALFORMED_ADVISORY"
  | "DATABASE_MISSING"
  | "DATABASE_STALE"
  | "DATABASE_UNREADABLE"
  | "SOURCE_UNREACHABLE"
  | "SOURCE_BAD_RESPONSE"
  | "IGNORE_EXPIRED"
  | "POLICY_INVALID";

/** The one error class of @tollgate/advisories. */
export class AdvisoryError extends TollgateError<AdvisoryErrorCode> {}
