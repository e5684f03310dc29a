import type { DependencyGraph } from "@tollgate/inventory";
import type { PackageFacts } from "../checks/licenses.js";
import { effectiveLicense } from "../checks/licenses.js";
import type { Policy } from "../file/schema.js";

/**
 * The graph with each dependency's license resolved as the policy judges it (a `clarify`
 * entry, else the lockfile's, else installed or registry metadata), so SBOMs can carry it.
 * Components keep their raw strings; nothing is corrected.
 */
export function withResolvedLicenses(
  graph: DependencyGraph,
  facts: ReadonlyMap<string, PackageFacts>,
  policy?: Policy,
): DependencyGraph {
  const components = graph.components.map((component) => {
    if (component.role !== "dependency") return component;
    const fact = facts.get(component.id);
    const license = policy ? effectiveLicense(component, policy, fact).license : (component.license ?? fact?.license);
    return license === undefined || license === component.license ? component : { ...component, license };
  });
  return { ...graph, components };
}
