/**
 * Hosts of the package registries and API endpoints this machine is configured to use.
 * Their names are read at run time from the tools' own configuration, never written into
 * Tollgate, so a mirror configured for npm or pip is what the gate talks to.
 */
import { execFile } from "node:child_process";
import { normalizeHost } from "./allow-list.js";

/** Where configured endpoints are read from; injected in tests. */
export interface RegistrySources {
  /** Environment to read (`npm_config_registry`, `PIP_INDEX_URL`, `GITHUB_API_URL`). */
  env: Record<string, string | undefined>;
  /** npm's configured registry URL, asked of npm itself when the environment does not say. */
  npmRegistry: () => Promise<string | undefined>;
}

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined || url.trim() === "") return undefined;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? normalizeHost(parsed.hostname) : undefined;
  } catch {
    return undefined;
  }
}

/** Asks `npm config get registry` (10 s at most); undefined when npm is absent or fails. */
export function npmConfigRegistry(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["config", "get", "registry"],
      { env, timeout: 10_000, shell: process.platform === "win32", windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

/**
 * The hosts of the configured npm registry (env `npm_config_registry`, else `npm config
 * get registry`), pip's index (`PIP_INDEX_URL`, whose host also serves the JSON API) and
 * GitHub's API (`GITHUB_API_URL`, set on Actions runners and GitHub Enterprise).
 */
export async function configuredRegistryHosts(sources: RegistrySources): Promise<string[]> {
  const { env } = sources;
  const npm = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY ?? (await sources.npmRegistry());
  const candidates = [npm, env.PIP_INDEX_URL, env.GITHUB_API_URL].map(hostOf);
  return [...new Set(candidates.filter((h): h is string => h !== undefined))].sort();
}
