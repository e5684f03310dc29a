import { homedir } from "node:os";
import { join } from "node:path";
import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import { createHttpClient, type HttpClient } from "@tollgate/net";
import { PUBLIC_REGISTRIES } from "./checks/sources.js";
import { evaluatePolicy, type PolicyReport } from "./evaluate.js";
import type { Policy } from "./file/schema.js";
import { gatherFacts } from "./metadata/gather.js";
import { npmRegistryUrl } from "./metadata/npm-config.js";
import { PUBLIC_METADATA_URLS } from "./metadata/registries.js";

/** Options of `checkGraph`, the one entry point the CLI and the actions share. */
export interface CheckGraphOptions {
  /** The scanned directory (for installed metadata); none for an SBOM. */
  dir?: string;
  /** Skip registry lookups (also when the policy says `network.offline`). */
  offline?: boolean;
  /** Metadata API base URLs by ecosystem; npm's defaults to npm's configured registry. */
  metadataUrls?: Partial<Record<Ecosystem, string>>;
  /** On-disk cache of registry answers; default `$XDG_CACHE_HOME/tollgate/metadata` (or ~/.cache). */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Injected for tests; built from the policy's network section otherwise. */
  http?: HttpClient;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Gathers metadata facts (locally, then online unless offline) and evaluates the policy over the graph. */
export async function checkGraph(
  graph: DependencyGraph,
  policy: Policy,
  options: CheckGraphOptions = {},
): Promise<PolicyReport> {
  const env = options.env ?? process.env;
  const npmRegistry = await npmRegistryUrl(env);
  const metadataUrls = {
    ...PUBLIC_METADATA_URLS,
    ...(npmRegistry ? { npm: npmRegistry } : {}),
    ...options.metadataUrls,
  };
  const offline = options.offline === true || policy.network.offline;
  const hosts = Object.values(metadataUrls)
    .map((u) => (u ? hostOf(u) : undefined))
    .filter((h): h is string => h !== undefined);
  const http = options.http ?? (offline ? undefined : createHttpClient({ allow: [...policy.network.allow, ...hosts] }));
  const cacheRoot = env.XDG_CACHE_HOME ?? join(homedir(), ".cache");
  const facts = await gatherFacts(graph, {
    ...(options.dir === undefined ? {} : { dir: options.dir }),
    ...(http ? { http } : {}),
    offline,
    registries: metadataUrls,
    cacheDir: options.cacheDir ?? join(cacheRoot, "tollgate", "metadata"),
    env,
  });
  const defaultRegistries = { ...PUBLIC_REGISTRIES, ...(npmRegistry ? { npm: [npmRegistry] } : {}) };
  return evaluatePolicy(graph, policy, { facts, defaultRegistries });
}
