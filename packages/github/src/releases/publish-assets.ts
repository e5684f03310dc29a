import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { GitHubClient } from "../rest/client.js";
import { GitHubApiError } from "../rest/github-api-error.js";
import {
  deleteReleaseAsset,
  ensureRelease,
  listReleaseAssets,
  type Release,
  type RepoRef,
  uploadReleaseAsset,
} from "./releases.js";

/** A file to attach; `sha256` (hex), when given, must still match the file's bytes at upload time. */
export interface AssetFile {
  path: string;
  name?: string;
  sha256?: string;
}

export interface PublishResult {
  release: Release;
  createdRelease: boolean;
  uploaded: string[];
  replaced: string[];
}

/** Content type by extension for the files Tollgate attaches. */
function contentTypeOf(name: string): string {
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".jsonl")) return "application/jsonl";
  if (name.endsWith(".pem") || name.endsWith(".sig") || name === "SHA256SUMS") return "text/plain";
  return "application/octet-stream";
}

/**
 * Attaches files to the release of `tag` (created as a draft if missing). An asset of the same name is
 * replaced only with `overwrite`; each file is hashed again right before upload and refused if it changed.
 */
export async function publishReleaseAssets(
  client: GitHubClient,
  ref: RepoRef,
  tag: string,
  files: readonly AssetFile[],
  options: { overwrite?: boolean } = {},
): Promise<PublishResult> {
  const { release, created } = await ensureRelease(client, ref, tag);
  const existing = new Map((await listReleaseAssets(client, ref, release.id)).map((a) => [a.name, a]));
  const sorted = [...files]
    .map((f) => ({ ...f, name: f.name ?? basename(f.path) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const clashes = sorted.filter((f) => existing.has(f.name)).map((f) => f.name);
  if (clashes.length > 0 && !options.overwrite) {
    throw new GitHubApiError(
      "GITHUB_ASSET_EXISTS",
      `release ${tag} already has ${clashes.length === 1 ? "an asset" : "assets"} named ${clashes.join(", ")}`,
      { method: "POST", path: `/repos/${ref.owner}/${ref.repo}/releases/${release.id}/assets` },
      { hint: "Set `overwrite: true` (--overwrite) to replace them, or publish under a new tag." },
    );
  }
  const uploaded: string[] = [];
  const replaced: string[] = [];
  for (const file of sorted) {
    const data = await readFile(file.path);
    if (file.sha256 !== undefined) {
      const actual = createHash("sha256").update(data).digest("hex");
      if (actual !== file.sha256) {
        throw new GitHubApiError(
          "GITHUB_ASSET_CHANGED",
          `${file.path} changed after it was signed: sha256 was ${file.sha256}, is now ${actual}; not uploaded`,
          { method: "POST", path: file.name },
          {
            location: { file: file.path },
            hint: "Make sure no step rewrites artifacts between signing and upload; rerun the job.",
          },
        );
      }
    }
    const old = existing.get(file.name);
    if (old) {
      await deleteReleaseAsset(client, ref, old.id);
      replaced.push(file.name);
    }
    await uploadWithRetry(client, ref, release, file.name, data);
    uploaded.push(file.name);
  }
  return { release, createdRelease: created, uploaded, replaced };
}

/** Upload attempts in all: a failed upload can leave a broken asset behind, so retries delete it first. */
const UPLOAD_ATTEMPTS = 3;

/** Uploads one asset; on 5xx/429 removes any half-stored asset of that name and tries again. */
async function uploadWithRetry(
  client: GitHubClient,
  ref: RepoRef,
  release: Release,
  name: string,
  data: Uint8Array,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await uploadReleaseAsset(client, release, name, data, contentTypeOf(name));
      return;
    } catch (error) {
      const status = error instanceof GitHubApiError ? error.status : undefined;
      const transient = status === undefined || status === 429 || status >= 500;
      if (!transient || attempt >= UPLOAD_ATTEMPTS) throw error;
      const leftover = (await listReleaseAssets(client, ref, release.id)).find((a) => a.name === name);
      if (leftover) await deleteReleaseAsset(client, ref, leftover.id);
    }
  }
}
