import type { Component, Ecosystem } from "@tollgate/inventory";
import semver from "semver";

/** Ecosystems whose versions are semver, so version ranges are compared with node-semver. */
export const SEMVER_ECOSYSTEMS: readonly Ecosystem[] = ["npm", "crates.io"];

/** True when `spec` names one exact version rather than a range. */
export function isExactVersion(spec: string): boolean {
  return !/[<>=^~*|\sxX]/.test(spec.replace(/^=/, "")) || spec === "*";
}

/**
 * Whether `version` is in `spec`: `*` matches all; npm and crates.io compare semver
 * ranges (prereleases included); other ecosystems match the exact version only.
 */
export function versionMatches(ecosystem: Ecosystem, version: string, spec: string | undefined): boolean {
  if (spec === undefined || spec === "*") return true;
  if (SEMVER_ECOSYSTEMS.includes(ecosystem)) {
    const range = semver.validRange(spec);
    if (range !== null && semver.valid(version) !== null) {
      return semver.satisfies(version, range, { includePrerelease: true });
    }
  }
  return version === spec.replace(/^=/, "");
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
