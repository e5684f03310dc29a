import { compareVersions } from "@tollgate/advisories";
import type { Component, Ecosystem } from "@tollgate/inventory";
import semver from "semver";

/** Ecosystems whose versions are semver, so version ranges are compared with node-semver. */
export const SEMVER_ECOSYSTEMS: readonly Ecosystem[] = ["npm", "crates.io"];

/** True when `spec` names one exact version rather than a range. */
export function isExactVersion(spec: string): boolean {
  return !/[<>=^~*|\sxX]/.test(spec.replace(/^=/, "")) || spec === "*";
}

const COMPARATOR = /^(<=|>=|<|>|=)?\s*([^\s,<>=]+)$/;

/** Splits a comparator list such as `>=1.0, <2.0` into operator/version pairs; undefined when it is not one. */
export function parseComparators(spec: string): { op: string; version: string }[] | undefined {
  const parts = spec.split(",").map((part) => part.trim());
  const out: { op: string; version: string }[] = [];
  for (const part of parts) {
    const match = COMPARATOR.exec(part);
    if (!match) return undefined;
    out.push({ op: match[1] ?? "=", version: match[2] as string });
  }
  return out;
}

function comparatorHolds(ecosystem: Ecosystem, version: string, op: string, bound: string): boolean {
  const order = compareVersions(ecosystem, version, bound);
  if (op === "<") return order < 0;
  if (op === "<=") return order <= 0;
  if (op === ">") return order > 0;
  if (op === ">=") return order >= 0;
  return order === 0;
}

/**
 * Whether `version` is in `spec`: `*` matches all; npm and crates.io take node-semver ranges
 * (prereleases included); other ecosystems take comparator lists (`>=1.0, <2.0`) in their own
 * version ordering (from @tollgate/advisories). A version that cannot be ordered matches (fail closed).
 */
export function versionMatches(ecosystem: Ecosystem, version: string, spec: string | undefined): boolean {
  if (spec === undefined || spec === "*") return true;
  if (SEMVER_ECOSYSTEMS.includes(ecosystem)) {
    const range = semver.validRange(spec);
    if (range !== null && semver.valid(version) !== null) {
      return semver.satisfies(version, range, { includePrerelease: true });
    }
    return range === null ? version === spec.replace(/^=/, "") : true;
  }
  const comparators = parseComparators(spec);
  if (comparators === undefined) return version === spec;
  try {
    return comparators.every((c) => comparatorHolds(ecosystem, version, c.op, c.version));
  } catch {
    return true;
  }
}

/** A policy entry that selects packages by name, optionally ecosystem and version. */
export interface PackageSelector {
  name: string;
  ecosystem?: Ecosystem | undefined;
  version?: string | undefined;
}

/** Whether a component is selected by a policy entry. */
export function selects(selector: PackageSelector, component: Component): boolean {
  if (selector.name !== component.name) return false;
  if (selector.ecosystem !== undefined && selector.ecosystem !== component.ecosystem) return false;
  return versionMatches(component.ecosystem, component.version, selector.version);
}

/** The dependencies of a graph (no project roots or workspaces). */
export function dependencies(components: readonly Component[]): Component[] {
  return components.filter((c) => c.role === "dependency");
}
