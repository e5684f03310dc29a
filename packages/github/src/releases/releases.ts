import type { GitHubClient } from "../rest/client.js";

/** The fields of a GitHub release Tollgate uses. */
export interface Release {
  id: number;
  tag_name: string;
  draft: boolean;
  upload_url: string;
}

/** The fields of a release asset Tollgate uses. */
export interface ReleaseAsset {
  id: number;
  name: string;
  size: number;
}

/** owner/name of a repository. */
export interface RepoRef {
  owner: string;
  repo: string;
}

const enc = encodeURIComponent;

/** The release of `tag`, or undefined when there is none (drafts are not found by tag). */
export async function getReleaseByTag(client: GitHubClient, ref: RepoRef, tag: string): Promise<Release | undefined> {
  const response = await client.request<Release>(
    "GET",
    `/repos/${enc(ref.owner)}/${enc(ref.repo)}/releases/tags/${enc(tag)}`,
    undefined,
    {
      acceptStatus: [404],
    },
  );
  return response.status === 404 ? undefined : response.data;
}

/** Finds a draft release of `tag` among the repository's releases (GitHub hides drafts from the by-tag endpoint). */
async function findDraft(client: GitHubClient, ref: RepoRef, tag: string): Promise<Release | undefined> {
  const releases = await client.paginate<Release>(`/repos/${enc(ref.owner)}/${enc(ref.repo)}/releases`);
  return releases.find((r) => r.draft && r.tag_name === tag);
}

/** The release of `tag`, creating it as a draft when it does not exist. */
export async function ensureRelease(
  client: GitHubClient,
  ref: RepoRef,
  tag: string,
): Promise<{ release: Release; created: boolean }> {
  const existing = (await getReleaseByTag(client, ref, tag)) ?? (await findDraft(client, ref, tag));
  if (existing) return { release: existing, created: false };
  const response = await client.request<Release>("POST", `/repos/${enc(ref.owner)}/${enc(ref.repo)}/releases`, {
    tag_name: tag,
    name: tag,
    draft: true,
  });
  return { release: response.data, created: true };
}

/** Every asset of a release, across pages. */
export async function listReleaseAssets(
  client: GitHubClient,
  ref: RepoRef,
  releaseId: number,
): Promise<ReleaseAsset[]> {
  return client.paginate<ReleaseAsset>(`/repos/${enc(ref.owner)}/${enc(ref.repo)}/releases/${releaseId}/assets`);
}

/** Deletes one release asset. */
export async function deleteReleaseAsset(client: GitHubClient, ref: RepoRef, assetId: number): Promise<void> {
  await client.request("DELETE", `/repos/${enc(ref.owner)}/${enc(ref.repo)}/releases/assets/${assetId}`);
}

/** Uploads bytes as a release asset named `name` to the release's upload URL. */
export async function uploadReleaseAsset(
  client: GitHubClient,
  release: Release,
  name: string,
  data: Uint8Array,
  contentType: string,
): Promise<ReleaseAsset> {
  const url = release.upload_url.replace(/\{[^}]*\}$/, "");
  const response = await client.request<ReleaseAsset>("POST", url, undefined, {
    query: { name },
    raw: { data, contentType },
  });
  return response.data;
}
