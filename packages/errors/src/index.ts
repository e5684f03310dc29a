export { formatError, formatLocation } from "./format-error.js";
export type { SourceLocation, TollgateErrorOptions } from "./tollgate-error.js";
export { isTollgateError, TollgateError } from "./tollgate-error.js";
