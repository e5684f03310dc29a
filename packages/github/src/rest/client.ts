import type { HttpClient, HttpMethod, HttpResponse } from "@tollgate/net";
import { GitHubApiError, hintForStatus } from "./github-api-error.js";
import { nextLink } from "./link-header.js";

export interface GitHubClientOptions {
  http: HttpClient;
  /** REST root, e.g. `https://api.github.com` or `https://ghe.example/api/v3`; in actions, GITHUB_API_URL. */
  baseUrl?: string;
  /** Root for release asset uploads; derived from `baseUrl` when absent. */
  uploadsUrl?: string;
  /** Sent as a bearer token; never logged or put in an error. */
  token?: string;
  /** Most pages `paginate` follows before failing closed; default 100. */
  maxPages?: number;
}

export interface GitHubRequestOptions {
  /** Statuses returned to the caller instead of thrown (e.g. [404]). */
  acceptStatus?: number[];
  /** Marks a POST/PATCH as safe to retry on 5xx/429 (the HTTP client retries idempotent calls only). */
  idempotent?: boolean;
  /** Raw body and its media type, for uploads; replaces the JSON body. */
  raw?: { data: Uint8Array; contentType: string };
  /** Query parameters, appended in the given order. */
  query?: Record<string, string | number>;
}

export interface GitHubResponse<T> {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined for 204 and empty bodies. */
  data: T;
}

export interface GitHubClient {
  readonly baseUrl: string;
  readonly uploadsUrl: string;
  /** Calls `path` (relative to baseUrl, or an absolute URL on the API or uploads host) with a JSON body. */
  request<T = unknown>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    options?: GitHubRequestOptions,
  ): Promise<GitHubResponse<T>>;
  /** Follows `Link: rel="next"` from `path` and concatenates the pages (arrays, or `key` of each page object). */
  paginate<T = unknown>(path: string, options?: { key?: string; perPage?: number }): Promise<T[]>;
}

const DEFAULT_BASE_URL = "https://api.github.com";
/** 4xx statuses answered to us as data so we can quote GitHub's message; 408 and 429 are left to the HTTP client's retries. */
const CLIENT_ERRORS = Array.from({ length: 100 }, (_, i) => 400 + i).filter((s) => s !== 408 && s !== 429);

/** Creates a GitHub REST client on top of @tollgate/net's HttpClient. */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const baseUrl = parseRoot(options.baseUrl ?? DEFAULT_BASE_URL, "baseUrl");
  const uploadsUrl = parseRoot(options.uploadsUrl ?? deriveUploadsUrl(baseUrl), "uploadsUrl");
  const maxPages = options.maxPages ?? 100;
  const { http, token } = options;

  function resolve(method: string, path: string): URL {
    if (path.startsWith("/")) return new URL(baseUrl.href.replace(/\/$/, "") + path);
    let url: URL;
    try {
      url = new URL(path);
    } catch {
      throw new GitHubApiError("GITHUB_API_CONFIG", `not a path or URL: ${path}`, { method, path }, {});
    }
    // The token only ever goes to the configured API and uploads hosts.
    if (url.origin !== baseUrl.origin && url.origin !== uploadsUrl.origin) {
      throw new GitHubApiError(
        "GITHUB_API_CONFIG",
        `refusing to send the token to ${url.origin}, which is neither ${baseUrl.origin} nor ${uploadsUrl.origin}`,
        { method, path: url.pathname },
        { hint: "Set uploadsUrl/baseUrl to the hosts of your GitHub instance." },
      );
    }
    return url;
  }

  async function request<T>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    requestOptions: GitHubRequestOptions = {},
  ): Promise<GitHubResponse<T>> {
    const url = resolve(method, path);
    for (const [k, v] of Object.entries(requestOptions.query ?? {})) url.searchParams.append(k, String(v));
    const context = { method, path: url.pathname };
    const headers: Record<string, string> = {
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
      "user-agent": "tollgate",
    };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Uint8Array | undefined;
    if (requestOptions.raw) {
      headers["content-type"] = requestOptions.raw.contentType;
      payload = requestOptions.raw.data;
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    let response: HttpResponse;
    try {
      response = await http.request({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        acceptStatus: CLIENT_ERRORS,
        ...(requestOptions.idempotent === undefined ? {} : { idempotent: requestOptions.idempotent }),
      });
    } catch (error) {
      throw wrapTransportError(error, context, token);
    }
    const accepted = requestOptions.acceptStatus ?? [];
    if (response.status >= 400 && !accepted.includes(response.status)) {
      const detail = redact(githubMessage(response), token);
      throw new GitHubApiError(
        "GITHUB_API_STATUS",
        `GitHub answered ${response.status} to ${method} ${url.pathname}${detail ? `: ${detail}` : ""}`,
        { ...context, status: response.status },
        { hint: hintForStatus(response.status) },
      );
    }
    let data: unknown;
    if (response.status !== 204 && response.body.byteLength > 0) {
      try {
        data = JSON.parse(response.text());
      } catch (cause) {
        throw new GitHubApiError(
          "GITHUB_API_BAD_RESPONSE",
          `GitHub answered ${method} ${url.pathname} with a body that is not JSON`,
          { ...context, status: response.status },
          { cause, hint: "Check that baseUrl points at a GitHub REST API." },
        );
      }
    }
    return { status: response.status, headers: response.headers, data: data as T };
  }

  async function paginate<T>(path: string, pageOptions: { key?: string; perPage?: number } = {}): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = path;
    let query: Record<string, number> | undefined = { per_page: pageOptions.perPage ?? 100 };
    for (let page = 0; next !== undefined; page++) {
      if (page >= maxPages) {
        throw new GitHubApiError(
          "GITHUB_API_PAGINATION",
          `GET ${path} has more than ${maxPages} pages; refusing to read further`,
          { method: "GET", path },
          { hint: "Narrow the query or raise maxPages." },
        );
      }
      const response: GitHubResponse<unknown> = await request("GET", next, undefined, query ? { query } : {});
      const list = pageOptions.key
        ? (response.data as Record<string, unknown> | undefined)?.[pageOptions.key]
        : response.data;
      if (!Array.isArray(list)) {
        throw new GitHubApiError(
          "GITHUB_API_BAD_RESPONSE",
          `GET ${path} page ${page + 1} is not a list${pageOptions.key ? ` under "${pageOptions.key}"` : ""}`,
          { method: "GET", path, status: response.status },
          { hint: "Check the endpoint and the `key` of the list in its answer." },
        );
      }
      items.push(...(list as T[]));
      next = nextLink(response.headers.get("link"));
      query = undefined; // the next link carries its own query
    }
    return items;
  }

  return {
    baseUrl: baseUrl.href.replace(/\/$/, ""),
    uploadsUrl: uploadsUrl.href.replace(/\/$/, ""),
    request,
    paginate,
  };
}

function parseRoot(value: string, name: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url;
  } catch {
    // fall through to the typed error
  }
  throw new GitHubApiError(
    "GITHUB_API_CONFIG",
    `${name} is not an http(s) URL: ${value}`,
    { method: "-", path: "-" },
    {
      hint: `Set ${name} to the REST root of your GitHub instance, e.g. https://api.github.com.`,
    },
  );
}

/** github.com uploads to uploads.github.com; GitHub Enterprise Server `…/api/v3` to `…/api/uploads`; else the API host. */
function deriveUploadsUrl(baseUrl: URL): string {
  if (baseUrl.hostname === "api.github.com") return "https://uploads.github.com";
  if (/\/api\/v3\/?$/.test(baseUrl.pathname)) return baseUrl.href.replace(/\/api\/v3\/?$/, "/api/uploads");
  return baseUrl.href;
}

function githubMessage(response: HttpResponse): string {
  try {
    const body = JSON.parse(response.text()) as { message?: unknown; errors?: unknown };
    const message = typeof body.message === "string" ? body.message : "";
    const errors = Array.isArray(body.errors) ? ` (${JSON.stringify(body.errors).slice(0, 300)})` : "";
    return `${message}${errors}`;
  } catch {
    return response.text().slice(0, 200);
  }
}

function redact(text: string, token: string | undefined): string {
  return token && token.length > 0 ? text.split(token).join("***") : text;
}

function wrapTransportError(error: unknown, context: { method: string; path: string }, token?: string): GitHubApiError {
  const status =
    typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : undefined;
  const reason = redact(error instanceof Error ? error.message : String(error), token);
  return new GitHubApiError(
    status === undefined ? "GITHUB_API_UNREACHABLE" : "GITHUB_API_STATUS",
    `${context.method} ${context.path} failed${status === undefined ? "" : ` with ${status}`} after retries: ${reason}`,
    { ...context, status },
    {
      cause: error,
      hint: status === undefined ? "Check the network and GITHUB_API_URL, then retry." : hintForStatus(status),
    },
  );
}
