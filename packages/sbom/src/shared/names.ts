import type { Ecosystem } from "@tollgate/inventory";
import { splitName } from "@tollgate/inventory";

/** Ecosystems whose names CycloneDX writes as group + name (npm scope, Maven groupId, Composer vendor). */
const GROUPED: ReadonlySet<Ecosystem> = new Set<Ecosystem>(["npm", "Maven", "Packagist"]);
const SEPARATOR: Partial<Record<Ecosystem, string>> = { npm: "/", Maven: ":", Packagist: "/" };

/** Splits a display name into CycloneDX group and name; Go module paths stay whole. */
export function toGroupAndName(ecosystem: Ecosystem, name: string): { group?: string; name: string } {
  if (!GROUPED.has(ecosystem)) return { name };
  const parts = splitName(ecosystem, name);
  return parts.namespace === undefined ? { name: parts.name } : { group: parts.namespace, name: parts.name };
}

/** Joins a CycloneDX group and name back into the ecosystem's display name. */
export function fromGroupAndName(ecosystem: Ecosystem, group: string | undefined, name: string): string {
  if (!group) return name;
  return `${group}${SEPARATOR[ecosystem] ?? "/"}${name}`;
}
