import { hash } from "node:crypto";
import type { Ajv, ErrorObject } from "ajv";

/*
 * JSON-schema `uniqueItems: true` makes ajv compare every item of an array with every other
 * (O(n²) deep equality): reading a 20,000-component CycloneDX SBOM took ~100 s. The validators
 * compile a copy of the schema in which each `uniqueItems: true` becomes this keyword, which
 * ajv runs at the same place (before its own uniqueItems) and which finds the same duplicate
 * pair in O(n) through a canonical (key-order-independent) JSON text of each item.
 */

/** The keyword that stands in for `uniqueItems: true` in the compiled schema copies. */
export const LINEAR_UNIQUE_ITEMS = "tollgateUniqueItems";

/** A schema copy without `uniqueItems`, and the JSON pointers (in the schema) of the arrays now checked by the keyword. */
export interface LinearSchema {
  schema: unknown;
  sites: string[];
}

// Keywords whose value maps names to subschemas, and keywords whose value is data, not schema.
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);
const DATA_VALUES = new Set(["enum", "const", "default", "examples", "meta:enum"]);

/** Copies a schema, replacing every `uniqueItems: true` by the linear keyword (and dropping `uniqueItems: false`). */
export function withLinearUniqueItems(schema: unknown): LinearSchema {
  const sites: string[] = [];
  const copySchema = (node: unknown, pointer: string): unknown => {
    if (Array.isArray(node)) return node.map((item, index) => copySchema(item, `${pointer}/${index}`));
    if (typeof node !== "object" || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (key === "uniqueItems" && typeof value === "boolean") {
        if (value) {
          out[LINEAR_UNIQUE_ITEMS] = true;
          sites.push(pointer);
        }
      } else if (SCHEMA_MAPS.has(key) && typeof value === "object" && value !== null && !Array.isArray(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, sub]) => [name, copySchema(sub, `${at}/${escapePointer(name)}`)]),
        );
      } else {
        out[key] = DATA_VALUES.has(key) ? value : copySchema(value, at);
      }
    }
    return out;
  };
  return { schema: copySchema(schema, ""), sites };
}

/** Registers the linear keyword on an ajv instance, to run where ajv runs `uniqueItems`. */
export function addLinearUniqueItems(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: LINEAR_UNIQUE_ITEMS,
    type: "array",
    schemaType: "boolean",
    before: "uniqueItems",
    errors: true,
    compile(enabled: boolean, parentSchema: Record<string, unknown>) {
      const scalarTypes = scalarItemTypes(parentSchema.items);
      const validate: ((data: unknown) => boolean) & { errors?: Partial<ErrorObject>[] } = (data) => {
        const pair = enabled ? duplicatePair(data as unknown[], scalarTypes) : undefined;
        if (!pair) return true;
        validate.errors = [
          {
            keyword: "uniqueItems",
            message: `must NOT have duplicate items (items ## ${pair.j} and ${pair.i} are identical)`,
            params: pair,
          },
        ];
        return false;
      };
      return validate;
    },
  });
}

/** The types of `items` when they are all scalar (ajv then compares only items of those types), else undefined. */
function scalarItemTypes(items: unknown): string[] | undefined {
  if (typeof items !== "object" || items === null || Array.isArray(items)) return undefined;
  const schema = items as { type?: unknown; nullable?: unknown };
  const types = (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []) as string[];
  if (schema.nullable === true && !types.includes("null")) types.push("null");
  if (types.length === 0 || types.some((t) => t === "object" || t === "array")) return undefined;
  return types;
}

function hasScalarType(value: unknown, types: string[]): boolean {
  return types.some((type) => {
    if (type === "null") return value === null;
    if (type === "integer") return typeof value === "number" && Number.isFinite(value) && value % 1 === 0;
    return typeof value === type;
  });
}

/**
 * The duplicate pair ajv reports, found in O(n). Scalar items (ajv's hashed loop, from the end):
 * the last item equal to a later one, with the nearest later one as j. Other items (ajv's pairwise
 * loop, from the end): the last item equal to an earlier one as i, with the nearest earlier one as j.
 */
export function duplicatePair(
  items: unknown[],
  scalarTypes?: string[],
  digestOf: (text: string) => string = sha1,
): { i: number; j: number } | undefined {
  const seen = new Map<string, number>();
  // Keys are digests of the canonical texts (memory: the texts of 20k components would be ~20 MB);
  // a digest shared by different texts (never seen in practice) falls back to the text itself.
  const keyOf = (index: number): string => {
    const text = canonicalJson(items[index]);
    const digest = digestOf(text);
    const owner = seen.get(digest);
    return owner === undefined || canonicalJson(items[owner]) === text ? digest : `=${text}`;
  };
  if (scalarTypes) {
    for (let i = items.length - 1; i >= 0; i--) {
      if (!hasScalarType(items[i], scalarTypes)) continue;
      const key = keyOf(i);
      const j = seen.get(key);
      if (j !== undefined) return { i, j };
      seen.set(key, i);
    }
    return undefined;
  }
  let found: { i: number; j: number } | undefined;
  for (let i = 0; i < items.length; i++) {
    const key = keyOf(i);
    const j = seen.get(key);
    if (j !== undefined) found = { i, j };
    seen.set(key, i);
  }
  return found;
}

/** JSON text with object keys sorted: equal for two JSON values exactly when they are deeply equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function sha1(text: string): string {
  return hash("sha1", text, "base64");
}

function escapePointer(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
