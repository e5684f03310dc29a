import { TollgateError } from "@tollgate/errors";

/** Stable codes of every error the policy package raises. */
export type PolicyErrorCode =
  | "POLICY_NOT_FOUND"
  | "POLICY_UNREADABLE"
  | "POLICY_AMBIGUOUS"
  | "POLICY_SYNTAX"
  | "POLICY_INVALID"
  | "POLICY_DENY_TOML"
  | "POLICY_USAGE"
  | "POLICY_METADATA"
  | "POLICY_REVIEW";

/** One problem found in a policy file, with where it is. */
export interface PolicyIssue {
  /** The key path as written in the file, e.g. `licenses.exceptions[0].reason`. */
  key: string;
  line?: number;
  column?: number;
  message: string;
}

/** The error of the policy package: a bad policy file, unreadable metadata, a failed review input. */
export class PolicyError extends TollgateError<PolicyErrorCode> {
  /** Every problem found (the message names the first); empty when not about a policy file's content. */
  issues: PolicyIssue[] = [];
}
