import type { Component } from "@tollgate/inventory";
import type { Policy } from "../file/schema.js";
import type { PolicyFinding } from "../findings.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { dependencies } from "./match.js";

/** Checks `bans.multiple-versions`: one finding per package present at more than one version, naming who pulls each. */
export function checkDuplicates(index: GraphIndex, policy: Policy): PolicyFinding[] {
  const mode = policy.bans.multipleVersions;
  if (mode === "allow") return [];
  const groups = new Map<string, Component[]>();
  for (const component of dependencies(index.graph.components)) {
    if (policy.bans.skip.includes(component.name)) continue;
    const key = `${component.ecosystem}\u0000${component.name}`;
    const group = groups.get(key);
    if (group) group.push(component);
    else groups.set(key, [component]);
  }
  const findings: PolicyFinding[] = [];
  for (const group of groups.values()) {
    const versions = [...new Set(group.map((c) => c.version))].sort();
    if (versions.length < 2) continue;
    const first = group[0] as Component;
    const pulls = group
      .map((c) => {
        const by = (index.dependents.get(c.id) ?? []).map((id) => index.label(id));
        return `${c.version} (pulled by ${by.length > 0 ? by.join(", ") : "the project"})`;
      })
      .sort();
    findings.push({
      kind: "duplicate",
      package: first.name,
      version: versions.join(", "),
      ecosystem: first.ecosystem,
      message: `${first.name} is present at ${versions.length} versions: ${pulls.join("; ")}`,
      paths: group.map((c) => index.path(c.id)).sort(),
      rule: "bans.multiple-versions",
      level: mode,
      componentId: first.id,
      locations: group.flatMap((c) => c.locations),
    });
  }
  return findings;
}
