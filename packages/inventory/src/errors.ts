import { TollgateError } from "@tollgate/errors";

/** Stable codes of the inventory package. */
export type InventoryErrorCode =
  | "LOCKFILE_PARSE" // the file is not valid JSON / YAML / TOML / lockfile syntax
  | "LOCKFILE_VERSION" // a lockfile version this reader does not support
  | "LOCKFILE_INVALID" // well-formed, but a required field is missing or has the wrong type
  | "NO_LOCKFILE" // nothing to read where the user pointed
  | "PATH_NOT_FOUND" // the path given does not exist
  | "READ_FAILED"; // the file exists but could not be read

/** An error reading lockfiles or manifests; names the file and, where known, line and column. */
export class InventoryError extends TollgateError<InventoryErrorCode> {}
