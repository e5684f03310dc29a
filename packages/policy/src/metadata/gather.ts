import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import type { HttpClient } from "@tollgate/net";
import type { PackageFacts } from "../checks/licenses.js";
import { cargoFacts } from "./cargo-facts.js";
import { addFact, distInfoFacts, nodeModulesFacts, npmLockfileFacts } from "./local-facts.js";
import { registryFacts } from "./registries.js";

/** Options of `gatherFacts`. */
export interface GatherFactsOptions {
  /** The scanned project directory (lockfile paths in the graph are relative to it); none for an SBOM. */
  dir?: string;
  /** Online lookups go through this client; none (or `offline`) means local metadata only. */
  http?: HttpClient;
  offline?: boolean;
  /** Base URL of each ecosystem's metadata API (npm's from npm config). */
  registries?: Partial<Record<Ecosystem, string>>;
  cacheDir?: string;
  now?: () => number;
  /** Environment for CARGO_HOME (tests); default process.env. */
  env?: NodeJS.ProcessEnv;
}

/**
 * Gathers license, deprecation and yanked facts: npm lockfile entries, installed metadata
 * (node_modules, Python dist-info, vendored or cached crate sources), then, online, the registries' metadata APIs.
 */
export async function gatherFacts(
  graph: DependencyGraph,
  options: GatherFactsOptions = {},
): Promise<Map<string, PackageFacts>> {
  const facts = new Map<string, PackageFacts>();
  if (options.dir !== undefined) {
    await npmLockfileFacts(graph, options.dir, facts);
    await nodeModulesFacts(graph, options.dir, facts);
    await distInfoFacts(graph, options.dir, facts);
    await cargoFacts(graph, options.dir, facts, options.env);
  }
  if (options.http && !options.offline) {
    // npm lockfiles already carry deprecations, so npm packages are looked up only when their license is missing.
    const wanted = graph.components.filter(
      (c) =>
        c.role === "dependency" &&
        (c.ecosystem !== "npm" || (c.license === undefined && facts.get(c.id)?.license === undefined)),
    );
    const online = await registryFacts(wanted, {
      http: options.http,
      registries: options.registries ?? {},
      ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    for (const [id, fact] of [...online].sort(([a], [b]) => (a < b ? -1 : 1))) addFact(facts, id, fact);
  }
  return facts;
}
