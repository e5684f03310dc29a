import { InventoryError } from "../../errors.js";
import type { Hash, Source } from "../../model.js";
import type { LockfileInput } from "../../reader.js";

/** The SHA-256 hashes among `sha256:<hex>` strings (others, and duplicates, left out), in input order. */
export function sha256Hashes(values: unknown[]): Hash[] {
  const seen = new Set<string>();
  const hashes: Hash[] = [];
  for (const value of values) {
    const match = typeof value === "string" ? /^sha256:([0-9a-fA-F]{64})$/.exec(value.trim()) : null;
    const hex = match?.[1]?.toLowerCase();
    if (hex === undefined || seen.has(hex)) continue;
    seen.add(hex);
    hashes.push({ alg: "SHA-256", content: hex });
  }
  return hashes;
}

/** The error for a package entry without a string name or version. */
export function invalidPackage(input: LockfileInput, line: number | undefined, hint: string): InventoryError {
  return new InventoryError("LOCKFILE_INVALID", `${input.relativePath}: a package lacks a string name or version`, {
    location: line === undefined ? { file: input.relativePath } : { file: input.relativePath, line },
    hint,
  });
}

/**
 * A Python package source as Source and purl qualifiers: `git` (vcs_url with the commit),
 * `directory`/`file`/`path` (local), `url`. An index (`legacy`, `registry`) is recorded as the source
 * only: which index is the default cannot be told from the lockfile, so the purl stays plain.
 */
export function pySource(
  type: string,
  url: string,
  commit?: string,
): { source?: Source; qualifiers?: Record<string, string> } {
  if (type === "git") {
    const repo = url.replace(/#.*$/, "").replace(/\?.*$/, "");
    const vcs = `git+${repo.replace(/^git\+/, "")}${commit ? `@${commit}` : ""}`;
    return { source: { type: "git", url: commit ? `${repo}#${commit}` : repo }, qualifiers: { vcs_url: vcs } };
  }
  if (type === "directory" || type === "path" || type === "editable" || type === "virtual") {
    return { source: { type: "file", url } };
  }
  if (type === "file") return { source: { type: "file", url }, qualifiers: { download_url: url } };
  if (type === "url") return { source: { type: "url", url }, qualifiers: { download_url: url } };
  if (url) return { source: { type: "registry", url } };
  return {};
}
