import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Component, DependencyGraph, Ecosystem } from "@tollgate/inventory";
import { readInventory } from "@tollgate/inventory";

export const FIXTURES = join(import.meta.dirname, "../fixtures");
export const ADVISORIES = join(FIXTURES, "advisories");

/** Reads a corpus lockfile (copied under its real name, with its manifest) into a graph. */
export async function lockfileGraph(
  dir: string,
  prefix: string,
  lockName: string,
  manifest?: string,
): Promise<DependencyGraph> {
  const work = mkdtempSync(join(tmpdir(), "tollgate-audit-"));
  cpSync(join(FIXTURES, "lockfiles", dir, `${prefix}__${lockName}`), join(work, lockName));
  if (manifest) cpSync(join(FIXTURES, "lockfiles", dir, `${prefix}__${manifest}`), join(work, manifest));
  return readInventory(work);
}

/** A package of a hand-made graph: `deps` are names of other packages in the same list. */
export interface Spec {
  ecosystem?: Ecosystem;
  name: string;
  version: string;
  direct?: boolean;
  scope?: Component["scope"];
  deps?: string[];
  line?: number;
}

/** Builds a dependency graph by hand (one project root, `direct` packages hang from it). */
export function graphOf(specs: Spec[], file = "package-lock.json"): DependencyGraph {
  const idOf = (s: Spec) => `pkg:${s.ecosystem ?? "npm"}/${s.name}@${s.version}`;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const root: Component = {
    id: "pkg:npm/app@1.0.0",
    ecosystem: "npm",
    name: "app",
    version: "1.0.0",
    purl: "pkg:npm/app@1.0.0",
    role: "root",
    scope: "required",
    direct: false,
    hashes: [],
    properties: {},
    locations: [{ file }],
  };
  const components: Component[] = specs.map((s) => ({
    id: idOf(s),
    ecosystem: s.ecosystem ?? "npm",
    name: s.name,
    version: s.version,
    purl: idOf(s),
    role: "dependency",
    scope: s.scope ?? "required",
    direct: s.direct ?? false,
    hashes: [],
    properties: {},
    locations: [{ file, ...(s.line ? { line: s.line } : {}) }],
  }));
  const edges = [
    { from: "tollgate:root", to: root.id, kind: "prod" as const },
    ...specs.filter((s) => s.direct).map((s) => ({ from: root.id, to: idOf(s), kind: "prod" as const })),
    ...specs.flatMap((s) =>
      (s.deps ?? []).map((d) => ({ from: idOf(s), to: idOf(byName.get(d) as Spec), kind: "prod" as const })),
    ),
  ];
  return {
    root: { id: "tollgate:root", name: "app" },
    components: [root, ...components].sort((a, b) => (a.id < b.id ? -1 : 1)),
    edges,
    lockfiles: [{ path: file, format: "npm-package-lock", ecosystem: "npm" }],
    warnings: [],
  };
}
