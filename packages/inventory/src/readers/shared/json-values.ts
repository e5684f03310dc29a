/** Narrowing helpers for parsed lockfile data, which is untrusted: never assume a shape. */

/** The value when it is a plain object, else undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The value when it is a string, else undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The entries of an object whose values are strings (e.g. a dependencies map); others are left out. */
export function stringEntries(value: unknown): Array<[string, string]> {
  const record = asRecord(value);
  if (!record) return [];
  const out: Array<[string, string]> = [];
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (typeof v === "string") out.push([key, v]);
  }
  return out;
}

/** The keys of an object value (e.g. a map of dependency names), or none. */
export function keysOf(value: unknown): string[] {
  const record = asRecord(value);
  return record ? Object.keys(record) : [];
}

/** Own-property lookup that ignores inherited names such as `constructor` or `__proto__`. */
export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
