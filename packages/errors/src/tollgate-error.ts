/** Where in an input file an error was found. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Options shared by every Tollgate error. */
export interface TollgateErrorOptions {
  /** The file (and position) the error is about, when there is one. */
  location?: SourceLocation;
  /** What the user can do about it, as one imperative sentence. */
  hint?: string;
  /** The underlying error, kept for debugging; never shown with secrets in it. */
  cause?: unknown;
}

/**
 * The root of Tollgate's error hierarchy. Every package throws a subclass with
 * its own string-literal `code` union, so callers can branch on stable codes and
 * the CLI can tell a user error (exit 2) from a bug.
 */
export class TollgateError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(code: Code, message: string, options: TollgateErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
  }
}

/** True for any error raised deliberately by a Tollgate package. */
export function isTollgateError(value: unknown): value is TollgateError {
  return value instanceof TollgateError;
}
