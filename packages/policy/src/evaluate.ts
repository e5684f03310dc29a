import type { DependencyGraph } from "@tollgate/inventory";
import { checkBans } from "./checks/bans.js";
import { checkDeprecated } from "./checks/deprecated.js";
import { checkDuplicates } from "./checks/duplicates.js";
import type { PackageFacts } from "./checks/licenses.js";
import { checkLicenses } from "./checks/licenses.js";
import { checkSources, type DefaultRegistries } from "./checks/sources.js";
import type { Policy } from "./file/schema.js";
import { compareFindings, type PolicyFinding } from "./findings.js";
import { GraphIndex } from "./graph/graph-index.js";

/** Options of `evaluatePolicy`. */
export interface EvaluatePolicyOptions {
  /** Facts from installed metadata or registries, keyed by component id. */
  facts?: ReadonlyMap<string, PackageFacts>;
  /** Registry base URLs per ecosystem when the policy lists none; npm's comes from npm config. */
  defaultRegistries?: DefaultRegistries;
  /** An index of `graph` built earlier (the review shares one between its steps). */
  index?: GraphIndex;
}

/** The result of checking a graph against the dependency policy. */
export interface PolicyReport {
  verdict: "pass" | "fail";
  /** Sorted; `level: "deny"` ones fail the gate. */
  findings: PolicyFinding[];
  /** How many dependencies were checked. */
  checked: number;
}

/** Checks a dependency graph against the policy's licenses, bans, duplicates, sources, deprecated and yanked rules. */
export function evaluatePolicy(
  graph: DependencyGraph,
  policy: Policy,
  options: EvaluatePolicyOptions = {},
): PolicyReport {
  const index = options.index ?? new GraphIndex(graph);
  const facts = options.facts ?? new Map<string, PackageFacts>();
  const findings = [
    ...checkLicenses(index, policy, facts),
    ...checkBans(index, policy),
    ...checkDuplicates(index, policy),
    ...checkSources(index, policy, options.defaultRegistries ?? {}),
    ...checkDeprecated(index, policy, facts),
  ].sort(compareFindings);
  return {
    verdict: findings.some((f) => f.level === "deny") ? "fail" : "pass",
    findings,
    checked: graph.components.filter((c) => c.role === "dependency").length,
  };
}
