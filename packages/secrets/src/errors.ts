import { TollgateError, type TollgateErrorOptions } from "@tollgate/errors";

/** Stable codes of every error @tollgate/secrets raises. */
export type SecretsErrorCode =
  | "SECRETS_PATH_NOT_FOUND"
  | "SECRETS_UNREADABLE"
  | "SECRETS_BAD_RULES"
  | "SECRETS_BAD_CONFIG"
  | "SECRETS_BAD_BASELINE"
  | "SECRETS_WORKER_FAILED";

/** The one error class of @tollgate/secrets. */
export class SecretsError extends TollgateError<SecretsErrorCode> {
  constructor(code: SecretsErrorCode, message: string, options: TollgateErrorOptions = {}) {
    super(code, message, options);
  }
}
