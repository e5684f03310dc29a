import type { Policy } from "../file/schema.js";
import type { PolicyFinding } from "../findings.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { dependencies, selects } from "./match.js";

/**
 * Checks `bans.deny`: a banned package is a finding unless every package that depends
 * on it is one of its `wrappers`; the paths shown go through the dependents that are not.
 */
export function checkBans(index: GraphIndex, policy: Policy): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const component of dependencies(index.graph.components)) {
    for (const ban of policy.bans.deny) {
      if (!selects(ban, component)) continue;
      const dependents = index.dependents.get(component.id) ?? [];
      const wrappers = ban.wrappers;
      const offending =
        wrappers === undefined
          ? dependents
          : dependents.filter((id) => !wrappers.includes(index.byId.get(id)?.name ?? ""));
      if (wrappers !== undefined && offending.length === 0 && dependents.length > 0) continue;
      const paths =
        offending.length === 0 ? [index.path(component.id)] : offending.map((id) => index.pathVia(id, component.id));
      const range = ban.version === undefined ? "" : ` (banned versions: ${ban.version})`;
      const instead = ban.useInstead === undefined ? "" : `; use ${ban.useInstead} instead`;
      const via =
        wrappers === undefined
          ? ""
          : `; only ${wrappers.join(", ")} may depend on it, but ${offending.map((id) => index.label(id)).join(", ") || "the project"} does`;
      findings.push({
        kind: "ban",
        package: component.name,
        version: component.version,
        ecosystem: component.ecosystem,
        message: `${component.name}@${component.version} is banned${range}: ${ban.reason}${instead}${via}`,
        paths: paths.sort(comparePaths),
        rule: "bans.deny",
        level: "deny",
        componentId: component.id,
        locations: component.locations,
      });
    }
  }
  return findings;
}

/** Orders dependency paths: shorter first, then by text. */
export function comparePaths(a: string[], b: string[]): number {
  const x = a.join(" > ");
  const y = b.join(" > ");
  return a.length - b.length || (x < y ? -1 : x > y ? 1 : 0);
}
