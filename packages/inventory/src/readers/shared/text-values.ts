/** Narrowing helpers for parsed TOML/JSON lockfile data, which is untrusted: never assume a shape. */

/** The value when it is a plain object (a JSON object or TOML table), else undefined. */
export function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The value when it is a string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The value when it is an array, else an empty array. */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** An own property of a record (never an inherited one such as `constructor`), or undefined. */
export function field(record: Record<string, unknown> | undefined, key: string): unknown {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The own entries of a record value, or none when it is not a record. */
export function entriesOf(value: unknown): Array<[string, unknown]> {
  const record = recordOf(value);
  return record ? Object.entries(record) : [];
}
