import type { Component, Ecosystem } from "@tollgate/inventory";
import type { Policy } from "../file/schema.js";
import type { PolicyFinding } from "../findings.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { dependencies } from "./match.js";

/** Registry base URLs used for an ecosystem when the policy lists none (npm's comes from npm config). */
export type DefaultRegistries = Partial<Record<Ecosystem, string[]>>;

/**
 * The public registries, as lockfiles record them, allowed when the policy names none for the
 * ecosystem. Packagist and NuGet lockfiles record download URLs, not a registry, so they have none.
 */
export const PUBLIC_REGISTRIES: Readonly<DefaultRegistries> = Object.freeze({
  "crates.io": ["https://github.com/rust-lang/crates.io-index", "https://index.crates.io/"],
  PyPI: ["https://pypi.org/simple", "https://files.pythonhosted.org/"],
  RubyGems: ["https://rubygems.org/"],
});

/** The host and owner (org/user) of a git URL in any of the forms lockfiles write. */
export function gitOrigin(url: string): { host: string; org?: string } | undefined {
  const text = url.replace(/^git\+/, "");
  const shorthand = /^(github|gitlab|bitbucket):([^/]+)\//.exec(text);
  if (shorthand)
    return { host: `${shorthand[1]}.${shorthand[1] === "bitbucket" ? "org" : "com"}`, org: shorthand[2] as string };
  const scp = /^[\w.-]+@([\w.-]+):([^/]+)\//.exec(text);
  if (scp) return { host: (scp[1] as string).toLowerCase(), org: scp[2] as string };
  try {
    const parsed = new URL(text);
    const org = parsed.pathname.split("/").filter(Boolean)[0];
    return org === undefined ? { host: parsed.hostname.toLowerCase() } : { host: parsed.hostname.toLowerCase(), org };
  } catch {
    return undefined;
  }
}

/** The repository a git URL points at, without scheme, user, `.git`, query or fragment: `host/owner/repo`. */
export function repoKey(url: string): string {
  const text = url.replace(/^git\+/, "").replace(/[#?].*$/, "");
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(text);
  const rest = scp ? `${scp[1]}/${scp[2]}` : text.replace(/^[a-z+]+:\/\/(?:[^@/]+@)?/i, "");
  return rest
    .replace(/\.git$/, "")
    .replace(/\/+$/, "")
    .toLowerCase();
}

function sameRepo(allowed: string, url: string): boolean {
  return repoKey(allowed) === repoKey(url);
}

function normalizeRegistry(url: string): string {
  const bare = url.replace(/^(registry|sparse)\+/, "");
  return bare.endsWith("/") ? bare : `${bare}/`;
}

function registryAllowed(url: string, allowed: readonly string[]): boolean {
  const target = normalizeRegistry(url);
  return allowed.some((base) => {
    const prefix = normalizeRegistry(base);
    return target.startsWith(prefix) || target === prefix;
  });
}

function violation(
  component: Component,
  policy: Policy,
  defaults: DefaultRegistries,
): { rule: string; message: string } | undefined {
  const source = component.source;
  if (source === undefined || source.type === "workspace") return undefined;
  const where = source.url ?? "(no URL recorded)";
  switch (source.type) {
    case "registry": {
      if (source.url === undefined) return undefined;
      const allowed = policy.sources.registries[component.ecosystem] ?? defaults[component.ecosystem];
      if (allowed === undefined || registryAllowed(source.url, allowed)) return undefined;
      return {
        rule: "sources.registries",
        message: `resolved from ${source.url}, which is not an allowed ${component.ecosystem} registry (${allowed.join(", ")})`,
      };
    }
    case "git": {
      const origin = source.url === undefined ? undefined : gitOrigin(source.url);
      const { hosts, orgs, repos } = policy.sources.git;
      if (source.url !== undefined && repos.some((repo) => sameRepo(repo, source.url as string))) return undefined;
      if (origin && (hosts.includes("*") || hosts.includes(origin.host))) return undefined;
      if (origin?.org !== undefined && orgs.includes(`${origin.host}/${origin.org}`)) return undefined;
      return { rule: "sources.git", message: `comes from git ${where}, whose host/org is not in sources.git` };
    }
    case "file":
    case "link":
      if (policy.sources.allowFile) return undefined;
      return {
        rule: "sources.allow-file",
        message: `comes from a local ${source.type}: source ${where}; local sources are not allowed in a release`,
      };
    case "url":
      if (policy.sources.allowUrl) return undefined;
      return {
        rule: "sources.allow-url",
        message: `comes from the tarball URL ${where}; URL sources are not allowed in a release`,
      };
  }
}

/** Checks every dependency's source against `sources`: registries, git hosts/orgs, file/link and URL sources. */
export function checkSources(index: GraphIndex, policy: Policy, defaults: DefaultRegistries): PolicyFinding[] {
  const findings: PolicyFinding[] = [];
  for (const component of dependencies(index.graph.components)) {
    const found = violation(component, policy, defaults);
    if (!found) continue;
    findings.push({
      kind: "source",
      package: component.name,
      version: component.version,
      ecosystem: component.ecosystem,
      message: `${component.name}@${component.version} ${found.message}`,
      paths: [index.path(component.id)],
      rule: found.rule,
      level: "deny",
      componentId: component.id,
      locations: component.locations,
    });
  }
  return findings;
}
