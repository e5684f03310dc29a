import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
};

function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const d = def(current);
    if (d.innerType) current = d.innerType;
    else if (d.type === "pipe" && d.in) current = d.in;
    else return current;
  }
}

/** The keys an object in `schema` accepts at `path` (object keys and array indices), or [] when none. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  for (const step of path) {
    const d = def(current);
    if (d.type === "object" && d.shape && typeof step === "string" && step in d.shape)
      current = unwrap(d.shape[step] as z.ZodType);
    else if (d.type === "array" && d.element) current = unwrap(d.element);
    else if (d.type === "record" && d.valueType) current = unwrap(d.valueType);
    else return [];
  }
  const d = def(current);
  return d.type === "object" && d.shape ? Object.keys(d.shape) : [];
}

/** Edit distance between two strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/** The valid key nearest to `key`, when one is close enough to be a plausible typo (camelCase counts as a typo). */
export function nearestKey(key: string, valid: readonly string[]): string | undefined {
  const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, "-");
  let best: { key: string; distance: number } | undefined;
  for (const candidate of [...valid].sort()) {
    const distance = Math.min(editDistance(key, candidate), editDistance(kebab, candidate));
    if (best === undefined || distance < best.distance) best = { key: candidate, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}
