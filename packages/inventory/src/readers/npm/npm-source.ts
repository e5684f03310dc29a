import type { Source } from "../../model.js";

/** Where an npm package came from, with the purl qualifiers that keep it apart from the registry package. */
export interface NpmOrigin {
  source?: Source;
  qualifiers?: Record<string, string>;
}

const GIT_PREFIXES = ["git+", "git:", "github:", "gitlab:", "bitbucket:", "gist:", "ssh://"];

/** True for the git specs npm records (`git+ssh://…#sha`, `github:org/repo#sha`). */
export function isGitSpec(spec: string): boolean {
  return GIT_PREFIXES.some((p) => spec.startsWith(p)) || /^[\w.-]+\/[\w.-]+#[0-9a-f]{7,40}$/.test(spec);
}

/**
 * True when `url` has the shape of a registry tarball of this package: `…/<name>/-/<base>-<version>.tgz`.
 * No registry host is assumed: a private registry is as much a registry as the public one.
 */
export function isRegistryTarball(url: string, name: string, version: string): boolean {
  const base = name.startsWith("@") ? name.slice(name.indexOf("/") + 1) : name;
  const suffix = `/${name}/-/${base}-${version}.tgz`;
  const path = url.split(/[?#]/)[0] ?? url;
  return path.endsWith(suffix) || path.replace(/%2f/gi, "/").replace(/%40/g, "@").endsWith(suffix);
}

/** Classifies a lockfile `resolved` value for a package name and version. */
export function npmOrigin(resolved: string | undefined, name: string, version: string): NpmOrigin {
  if (resolved === undefined || resolved === "") return {};
  if (isGitSpec(resolved)) return { source: { type: "git", url: resolved }, qualifiers: { vcs_url: resolved } };
  if (resolved.startsWith("file:")) {
    return { source: { type: "file", url: resolved }, qualifiers: { download_url: resolved } };
  }
  if (/^https?:\/\//.test(resolved)) {
    if (isRegistryTarball(resolved, name, version)) return { source: { type: "registry", url: resolved } };
    return { source: { type: "url", url: resolved }, qualifiers: { download_url: resolved } };
  }
  return { source: { type: "link", url: resolved }, qualifiers: { download_url: `file:${resolved}` } };
}

/** The commit of a git spec (`…#<sha>`), used as the version when the lockfile records none. */
export function gitCommit(spec: string): string | undefined {
  const fragment = spec.split("#")[1];
  return fragment && /^[0-9a-f]{7,40}$/i.test(fragment) ? fragment : undefined;
}
