import type { Policy } from "../file/schema.js";
import type { PolicyFinding } from "../findings.js";
import type { GraphIndex } from "../graph/graph-index.js";
import type { PackageFacts } from "./licenses.js";
import { dependencies } from "./match.js";

/** Checks `deprecated` (npm deprecation messages) and `yanked` (yanked versions) from the facts gathered. */
export function checkDeprecated(
  index: GraphIndex,
  policy: Policy,
  facts: ReadonlyMap<string, PackageFacts>,
): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const component of dependencies(index.graph.components)) {
    const fact = facts.get(component.id);
    if (fact === undefined) continue;
    const base = {
      kind: "deprecated" as const,
      package: component.name,
      version: component.version,
      ecosystem: component.ecosystem,
      paths: [index.path(component.id)],
      componentId: component.id,
      locations: component.locations,
    };
    if (fact.deprecated !== undefined && policy.deprecated !== "allow") {
      findings.push({
        ...base,
        rule: "deprecated",
        level: policy.deprecated,
        message: `${component.name}@${component.version} is deprecated: ${fact.deprecated}`,
      });
    }
    if (fact.yanked === true && policy.yanked !== "allow") {
      findings.push({
        ...base,
        rule: "yanked",
        level: policy.yanked,
        message: `${component.name}@${component.version} is yanked from its registry`,
      });
    }
  }
  return findings;
}
