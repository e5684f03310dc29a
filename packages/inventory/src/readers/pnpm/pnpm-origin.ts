import type { Hash, Source } from "../../model.js";
import { isRegistryTarball } from "../npm/npm-source.js";
import { asRecord, asString } from "../shared/json-values.js";
import { sriToHashes } from "../shared/sri-hash.js";

/** What a pnpm `resolution` says about where a package came from. */
export interface PnpmOrigin {
  hashes: Hash[];
  source?: Source;
  qualifiers?: Record<string, string>;
}

/**
 * Interprets `resolution`: `{integrity}` (registry), `{tarball, integrity?}`, `{type: git, repo, commit}`
 * or `{type: directory, directory}`. Non-registry sources get purl qualifiers so they stay distinct.
 */
export function pnpmOrigin(resolution: unknown, name: string, version: string): PnpmOrigin {
  const r = asRecord(resolution) ?? {};
  const integrity = asString(r.integrity);
  const hashes = integrity === undefined ? [] : sriToHashes(integrity);
  const tarball = asString(r.tarball);
  const repo = asString(r.repo);
  const directory = asString(r.directory);
  if (r.type === "git" && repo !== undefined) {
    const commit = asString(r.commit);
    const url = commit === undefined ? repo : `${repo}#${commit}`;
    const vcs = url.startsWith("git+") || url.startsWith("git:") ? url : `git+${url}`;
    return { hashes, source: { type: "git", url }, qualifiers: { vcs_url: vcs } };
  }
  if (r.type === "directory" && directory !== undefined) {
    return { hashes, source: { type: "file", url: directory }, qualifiers: { download_url: `file:${directory}` } };
  }
  if (tarball !== undefined) {
    if (/^https?:\/\//.test(tarball) && isRegistryTarball(tarball, name, version)) {
      return { hashes, source: { type: "registry", url: tarball } };
    }
    const type = tarball.startsWith("file:") ? "file" : "url";
    return { hashes, source: { type, url: tarball }, qualifiers: { download_url: tarball } };
  }
  return integrity === undefined ? { hashes } : { hashes, source: { type: "registry" } };
}
