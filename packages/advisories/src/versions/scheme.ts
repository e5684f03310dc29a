/**
 * A version ordering of one ecosystem. `parse` returns undefined for a string the
 * ecosystem would not accept as a version, so callers can fail closed instead of
 * guessing; `compare` orders two parsed versions (negative, zero, positive).
 */
export interface VersionScheme<T = unknown> {
  readonly name: string;
  parse(version: string): T | undefined;
  compare(a: T, b: T): number;
  /** A string equal for exactly the versions `compare` finds equal (for set look-ups of listed versions). */
  canonical(version: T): string;
}
