import type { DependencyGraph } from "@tollgate/inventory";
import type { PackageFacts } from "../checks/licenses.js";
import type { DefaultRegistries } from "../checks/sources.js";
import { evaluatePolicy } from "../evaluate.js";
import type { Policy } from "../file/schema.js";
import type { Finding, PolicyFinding } from "../findings.js";
import { GraphIndex } from "../graph/graph-index.js";
import { attribution, diffGraphs, type GraphDiff } from "./diff.js";

/** A vulnerability the advisory gate found, in the shared finding shape (kind `advisory`), with its level. */
export interface ReviewAdvisory extends Omit<Finding, "kind"> {
  kind: "advisory";
  level: "deny" | "warn";
  /** Advisory id, e.g. GHSA-… */
  id: string;
}

/** Options of `reviewChange`. */
export interface ReviewOptions {
  headFacts?: ReadonlyMap<string, PackageFacts>;
  baseFacts?: ReadonlyMap<string, PackageFacts>;
  defaultRegistries?: DefaultRegistries;
  /** Vulnerabilities of a graph, from the advisory gate; without it the review lists none. */
  advisories?: (graph: DependencyGraph) => Promise<ReviewAdvisory[]>;
}

/** What a pull request changes in the dependencies, and what it introduces against the policy. */
export interface ReviewResult {
  verdict: "pass" | "fail";
  diff: GraphDiff;
  /** Policy findings in head that base did not have. */
  introduced: PolicyFinding[];
  /** Vulnerabilities in head that base did not have. */
  advisories: ReviewAdvisory[];
  /** For a component id (head or base), the direct dependency that brings it in. */
  via: (id: string, side: "base" | "head") => string;
}

const key = (f: { rule: string; ecosystem: string; package: string; version: string }) =>
  `${f.rule}\u0000${f.ecosystem}\u0000${f.package}\u0000${f.version}`;

/**
 * Reviews a change: diffs base and head by package identity, evaluates the (head) policy on
 * both, and keeps the new findings among the added and changed packages. Fails on an introduced denial.
 */
export async function reviewChange(
  base: DependencyGraph,
  head: DependencyGraph,
  policy: Policy,
  options: ReviewOptions = {},
): Promise<ReviewResult> {
  const diff = diffGraphs(base, head);
  const shared = options.defaultRegistries ? { defaultRegistries: options.defaultRegistries } : {};
  const baseIndex = new GraphIndex(base);
  const headIndex = new GraphIndex(head);
  const before = evaluatePolicy(base, policy, {
    ...shared,
    index: baseIndex,
    ...(options.baseFacts ? { facts: options.baseFacts } : {}),
  });
  const after = evaluatePolicy(head, policy, {
    ...shared,
    index: headIndex,
    ...(options.headFacts ? { facts: options.headFacts } : {}),
  });
  const known = new Set(before.findings.map(key));
  // Only findings among the added and changed packages count (a duplicate counts when its set of versions is new).
  const touched = new Set(
    [...diff.added, ...diff.changed.map((c) => c.to)].map((c) => `${c.ecosystem}\u0000${c.name}\u0000${c.version}`),
  );
  const isTouched = (f: { ecosystem: string; package: string; version: string }) =>
    touched.has(`${f.ecosystem}\u0000${f.package}\u0000${f.version}`);
  const introduced = after.findings.filter((f) => !known.has(key(f)) && (f.kind === "duplicate" || isTouched(f)));
  let advisories: ReviewAdvisory[] = [];
  if (options.advisories) {
    const old = new Set((await options.advisories(base)).map((a) => `${a.id}\u0000${key(a)}`));
    advisories = (await options.advisories(head)).filter((a) => !old.has(`${a.id}\u0000${key(a)}`) && isTouched(a));
  }
  const headVia = attribution(head, headIndex);
  const baseVia = attribution(base, baseIndex);
  const failed = introduced.some((f) => f.level === "deny") || advisories.some((a) => a.level === "deny");
  return {
    verdict: failed ? "fail" : "pass",
    diff,
    introduced,
    advisories,
    via: (id, side) => (side === "head" ? headVia(id) : baseVia(id)),
  };
}
