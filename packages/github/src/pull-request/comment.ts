import type { GitHubClient } from "../rest/client.js";
import { GitHubApiError } from "../rest/github-api-error.js";

/** Which pull request (issue) a comment belongs to. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  /** The pull request number (PR comments are issue comments). */
  number: number;
}

/** An issue comment as the REST API returns it (the fields Tollgate reads). */
export interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

/** What `upsertComment` did. */
export type UpsertOutcome =
  | { action: "created" | "updated" | "unchanged"; id: number; url?: string }
  /** The token may not write comments (e.g. a pull request from a fork): nothing was posted. */
  | { action: "forbidden"; message: string };

/** Options of `upsertComment`. */
export interface UpsertCommentOptions extends PullRequestRef {
  client: GitHubClient;
  /** A hidden HTML comment identifying Tollgate's comment, e.g. `<!-- tollgate:dependency-review -->`. */
  marker: string;
  /** The Markdown body; the marker is put first if the body lacks it. */
  body: string;
}

/** Finds the first comment on the pull request whose body contains `marker`, reading every page. */
export async function findComment(
  client: GitHubClient,
  pr: PullRequestRef,
  marker: string,
): Promise<IssueComment | undefined> {
  const path = `/repos/${encodeURIComponent(pr.owner)}/${encodeURIComponent(pr.repo)}/issues/${pr.number}/comments`;
  const comments = await client.paginate<IssueComment>(path, { perPage: 100 });
  return comments.find((c) => typeof c.body === "string" && c.body.includes(marker));
}

function isForbidden(error: unknown): error is GitHubApiError {
  return error instanceof GitHubApiError && (error.status === 403 || error.status === 401);
}

/**
 * Updates Tollgate's comment on a pull request in place, or creates it when there is none,
 * so every push edits one comment. A read-only token (403) is an outcome, not an error.
 */
export async function upsertComment(options: UpsertCommentOptions): Promise<UpsertOutcome> {
  const { client, marker } = options;
  const body = options.body.includes(marker) ? options.body : `${marker}\n${options.body}`;
  const repoPath = `/repos/${encodeURIComponent(options.owner)}/${encodeURIComponent(options.repo)}`;
  try {
    const existing = await findComment(client, options, marker);
    if (existing && existing.body === body) return { action: "unchanged", id: existing.id, ...url(existing) };
    if (existing) {
      const { data } = await client.request<IssueComment>(
        "PATCH",
        `${repoPath}/issues/comments/${existing.id}`,
        { body },
        { idempotent: true },
      );
      return { action: "updated", id: data.id, ...url(data) };
    }
    const { data } = await client.request<IssueComment>("POST", `${repoPath}/issues/${options.number}/comments`, {
      body,
    });
    return { action: "created", id: data.id, ...url(data) };
  } catch (error) {
    if (isForbidden(error)) return { action: "forbidden", message: error.message };
    throw error;
  }
}

function url(comment: IssueComment): { url?: string } {
  return comment.html_url ? { url: comment.html_url } : {};
}
