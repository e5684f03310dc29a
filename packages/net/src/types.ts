/**
 * The contract of Tollgate's one outbound HTTP client. Every package that talks to
 * the network (OSV, registries, Sigstore, GitHub) takes an `HttpClient` through its
 * options, so tests pass a client pointed at a loopback server.
 */

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  method?: HttpMethod;
  url: string | URL;
  /** Sent as given; never logged. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Per-attempt timeout in ms; capped at 30 000 whatever is asked. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes; a larger response is an HttpError with code RESPONSE_TOO_LARGE. */
  maxBytes?: number;
  /** Attempts in all (first try included) for retryable failures; default 4. */
  attempts?: number;
  /** Non-2xx statuses the caller handles itself (e.g. [404]); others are HttpError HTTP_STATUS. */
  acceptStatus?: number[];
  /** Safe to retry? Defaults to true for GET/HEAD/PUT/DELETE, false for POST/PATCH unless set. */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The final URL after redirects. */
  url: string;
  body: Uint8Array;
  text(): string;
  /** Parses the body as JSON; malformed JSON is an HttpError BAD_RESPONSE naming the URL (without query). */
  json<T = unknown>(): T;
}

/** One request the tool made, for the gate's egress evidence. No headers, query strings or bodies. */
export interface EgressRecord {
  method: HttpMethod;
  host: string;
  path: string;
  status: number | "refused" | "timeout" | "error";
  attempts: number;
  durationMs: number;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** Every request made so far, in order. */
  readonly egress: readonly EgressRecord[];
}

export interface HttpClientOptions {
  /** Extra hosts (exact names or `*.suffix`) besides DEFAULT_ALLOWED_HOSTS, e.g. the policy's `network.allow`. */
  allow?: string[];
  /** Replace the defaults entirely (tests, air-gapped mirrors). */
  allowOnly?: string[];
  /** Refuse every request (`network.offline: true`). */
  offline?: boolean;
  /** Default per-attempt timeout in ms (≤ 30 000). */
  timeoutMs?: number;
  /** Overall deadline for one request including retries, in ms. */
  deadlineMs?: number;
  /** Called with one redacted line per attempt: method, host, path, status, attempt, duration. */
  log?: (line: string) => void;
  /** Default largest response body in bytes for calls that set no maxBytes (default 32 MiB). */
  maxBytes?: number;
  /** Environment read for configured registries and GitHub's API URL (default process.env). */
  env?: Record<string, string | undefined>;
  /** npm's configured registry URL when the environment does not set it (default: `npm config get registry`). */
  npmRegistry?: () => Promise<string | undefined>;
  /**
   * How requests go out: `fetch` (default) or `dispatcher`, undici's request API on the same keep-alive dispatcher
   * (same policy, timeouts, retries, logs and egress records; several times less CPU per request, for callers
   * making hundreds of small requests, e.g. one transparency-log entry per artifact). An injected `fetch` wins.
   */
  transport?: "fetch" | "dispatcher";
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}
