import type { Source } from "../../model.js";

/** The crates.io index as Cargo.lock records it; packages from it get a plain purl. */
const DEFAULT_INDEX = "registry+https://github.com/rust-lang/crates.io-index";

/** Where a locked crate comes from, and the purl qualifiers that tell non-default sources apart. */
export interface CargoSource {
  source?: Source;
  qualifiers?: Record<string, string>;
}

/** Interprets a Cargo.lock `source` string: `registry+`, `sparse+`, `git+…#commit`, `path+`; absent = local. */
export function cargoSource(raw: string | undefined): CargoSource {
  if (raw === undefined) return {};
  if (raw === DEFAULT_INDEX) return { source: { type: "registry", url: raw.slice("registry+".length) } };
  const plus = raw.indexOf("+");
  const kind = plus === -1 ? "" : raw.slice(0, plus);
  const url = raw.slice(plus + 1);
  if (kind === "registry" || kind === "sparse") {
    return { source: { type: "registry", url }, qualifiers: { repository_url: raw } };
  }
  if (kind === "git") {
    const hash = url.lastIndexOf("#");
    const commit = hash === -1 ? "" : url.slice(hash + 1);
    const query = url.indexOf("?");
    const repo = url.slice(0, query !== -1 && (hash === -1 || query < hash) ? query : hash === -1 ? url.length : hash);
    return {
      source: { type: "git", url: raw },
      qualifiers: { vcs_url: commit ? `git+${repo}@${commit}` : `git+${repo}` },
    };
  }
  if (kind === "path") return { source: { type: "file", url }, qualifiers: { download_url: url } };
  return { source: { type: "url", url: raw }, qualifiers: { download_url: raw } };
}
