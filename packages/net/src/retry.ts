/**
 * When and how long to wait before trying a request again: exponential backoff with
 * full jitter, and the server's own `Retry-After` on 429/503, both capped.
 */
import type { HttpMethod } from "./types.js";

/** First backoff ceiling; doubles with every attempt. */
export const BACKOFF_BASE_MS = 500;
/** Largest backoff ceiling. */
export const BACKOFF_CAP_MS = 10_000;
/** Longest `Retry-After` honoured; a server asking for more is waited on this long at most. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** Full jitter: a uniformly random wait in [0, min(cap, base·2^(attempt−1))). `attempt` is 1-based. */
export function backoffDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * Parses `Retry-After` as delay-seconds or an HTTP-date (relative to `nowMs`), capped at
 * RETRY_AFTER_CAP_MS; undefined when absent or unparseable, 0 for a date in the past.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) {
    ms = Number(text) * 1000;
  } else {
    const date = Date.parse(text);
    if (Number.isNaN(date) || !/[a-z]/i.test(text)) return undefined;
    ms = Math.max(0, date - nowMs);
  }
  return Math.min(ms, RETRY_AFTER_CAP_MS);
}

/** 429 and the 5xx statuses that signal a transient condition are retried. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/** GET, HEAD, PUT and DELETE are idempotent by definition; POST and PATCH only when the caller says so. */
export function isIdempotent(method: HttpMethod, override: boolean | undefined): boolean {
  return override ?? (method === "GET" || method === "HEAD" || method === "PUT" || method === "DELETE");
}
