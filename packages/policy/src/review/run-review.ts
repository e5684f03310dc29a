import type { AdvisorySourceOptions } from "@tollgate/advisories";
import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import type { HttpClient } from "@tollgate/net";
import { PUBLIC_REGISTRIES } from "../checks/sources.js";
import { PolicyError } from "../errors.js";
import type { LoadedPolicy } from "../file/load.js";
import { gatherFacts } from "../metadata/gather.js";
import { addFact } from "../metadata/local-facts.js";
import { npmRegistryUrl } from "../metadata/npm-config.js";
import { PUBLIC_METADATA_URLS, registryFacts } from "../metadata/registries.js";
import { advisoryHook } from "./advisories.js";
import { inventoryAtRef } from "./base-from-git.js";
import { diffGraphs } from "./diff.js";
import { type ReviewResult, reviewChange } from "./review.js";

/** Options of `runReview`, shared by `tollgate review` and the review action. */
export interface RunReviewOptions {
  /** The head graph (the working tree or an SBOM). */
  head: DependencyGraph;
  /** The scanned directory, for `git show` of the base and installed metadata; none for an SBOM. */
  dir?: string;
  /** The base git ref (e.g. `origin/main`); or give `base`. */
  baseRef?: string;
  /** A base graph read by the caller (e.g. from `--base-sbom`). */
  base?: DependencyGraph;
  loaded: LoadedPolicy;
  /** Where advisories come from; none means the review lists no vulnerabilities. */
  advisories?: AdvisorySourceOptions;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /**
   * Looks up, in the registries' metadata APIs, the licenses (and deprecation, yanked) of the added and
   * changed packages whose license is not known locally. Absent: no lookups.
   */
  metadata?: { http: HttpClient; registries?: Partial<Record<Ecosystem, string>>; cacheDir?: string };
}

/** Reads the base (git ref or given graph), gathers facts (local, then online for the changed packages) and reviews the change. */
export async function runReview(options: RunReviewOptions): Promise<ReviewResult> {
  let base = options.base;
  if (base === undefined) {
    if (options.baseRef === undefined || options.dir === undefined) {
      throw new PolicyError(
        "POLICY_REVIEW",
        "the review needs a base: a git ref (--base) or a base SBOM (--base-sbom)",
        {
          hint: "pass --base origin/main (the pull request's base branch) or --base-sbom FILE",
        },
      );
    }
    base = await inventoryAtRef(options.dir, options.baseRef);
  }
  const policy = options.loaded.policy;
  const npmRegistry = await npmRegistryUrl(options.env ?? process.env);
  const headFacts = await gatherFacts(options.head, options.dir === undefined ? {} : { dir: options.dir });
  if (options.metadata) {
    const diff = diffGraphs(base, options.head);
    const touched = [...diff.added, ...diff.changed.map((c) => c.to)].filter(
      (c) => c.ecosystem !== "npm" || (c.license === undefined && headFacts.get(c.id)?.license === undefined),
    );
    const registries = {
      ...PUBLIC_METADATA_URLS,
      ...(npmRegistry ? { npm: npmRegistry } : {}),
      ...options.metadata.registries,
    };
    const online = await registryFacts(touched, {
      http: options.metadata.http,
      registries,
      ...(options.metadata.cacheDir === undefined ? {} : { cacheDir: options.metadata.cacheDir }),
    });
    for (const [id, fact] of [...online].sort(([a], [b]) => (a < b ? -1 : 1))) addFact(headFacts, id, fact);
  }
  return reviewChange(base, options.head, policy, {
    headFacts,
    defaultRegistries: { ...PUBLIC_REGISTRIES, ...(npmRegistry ? { npm: [npmRegistry] } : {}) },
    ...(options.advisories ? { advisories: advisoryHook(policy, options.advisories, options.now) } : {}),
  });
}
