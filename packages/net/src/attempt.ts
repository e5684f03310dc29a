/**
 * One attempt of a request: fetch with redirects followed by hand (each hop passes the
 * allow-list again), the body read under a byte limit, everything under one timer so a
 * server that stalls mid-body times out like one that never answers.
 */
import type { HttpMethod } from "./types.js";

/** Redirects followed in one attempt before the 3xx is returned as it is. */
export const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = new Set(["authorization", "cookie", "proxy-authorization"]);
/** Codes of Node's TLS and certificate failures: not transient, never retried. */
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH)/;

export interface AttemptInput {
  fetch: typeof fetch;
  /** Extra fetch init (the undici dispatcher), passed through untouched. */
  init: Record<string, unknown>;
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  timeoutMs: number;
  maxBytes: number;
  /** Throws when a redirect target may not be reached; runs before connecting to it. */
  checkHop: (url: URL) => Promise<void>;
  /** Told of each redirect followed, for logs and egress evidence. */
  onRedirect: (from: URL, status: number) => void;
}

export type AttemptOutcome =
  | { kind: "response"; url: URL; status: number; headers: Headers; body: Uint8Array }
  | { kind: "too-large"; url: URL; status: number; bytes: number }
  | { kind: "timeout"; url: URL }
  | { kind: "connection"; url: URL; code: string }
  | { kind: "tls"; url: URL; code: string }
  | { kind: "invalid"; url: URL };

/** The abort reason of an attempt's own timer, told apart from other aborts. */
export const TIMEOUT = Symbol("timeout");

function errorCode(error: unknown): string {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return "";
}

/** The outcome of an attempt that threw: its timer, a TLS failure, a malformed request or a connection failure. */
export function classify(error: unknown, url: URL, signal: AbortSignal): AttemptOutcome {
  if (signal.aborted && signal.reason === TIMEOUT) return { kind: "timeout", url };
  const code = errorCode(error);
  if (TLS_CODE.test(code)) return { kind: "tls", url, code };
  // fetch reports network failures as TypeError with a cause; a TypeError without one is a malformed request.
  if (error instanceof TypeError && error.cause === undefined && code === "") return { kind: "invalid", url };
  return { kind: "connection", url, code: code || "UNKNOWN" };
}

async function readLimited(
  response: Response,
  maxBytes: number,
  controller: AbortController,
): Promise<Uint8Array | { tooLarge: number }> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    controller.abort();
    return { tooLarge: declared };
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      controller.abort();
      return { tooLarge: total };
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}

/** A request of one attempt: where it goes and what it sends. */
export interface Hop {
  url: URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/**
 * The request to make after an answer `status` with `location`, or undefined when it is no redirect to follow
 * (not a redirect status, no location, or MAX_REDIRECTS reached). `discard` drops the redirect's body first;
 * the next hop must pass `checkHop` (the allow-list) and loses credentials when it leaves the origin.
 */
export async function followRedirect(
  input: Pick<AttemptInput, "checkHop" | "onRedirect">,
  from: Hop,
  status: number,
  location: string | null | undefined,
  hop: number,
  discard: () => Promise<void>,
): Promise<Hop | undefined> {
  if (!REDIRECT_STATUSES.has(status) || typeof location !== "string" || hop >= MAX_REDIRECTS) return undefined;
  await discard();
  input.onRedirect(from.url, status);
  const next = new URL(location, from.url);
  await input.checkHop(next);
  const headers = next.origin !== from.url.origin ? withoutCredentials(from.headers) : from.headers;
  const toGet = status === 303 ? from.method !== "HEAD" : status <= 302 && from.method === "POST";
  return toGet
    ? { url: next, method: "GET", headers, body: undefined }
    : { url: next, method: from.method, headers, body: from.body };
}

/** Runs one attempt; network failures come back as outcomes, a refused redirect hop throws. */
export async function runAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), input.timeoutMs);
  let url = input.url;
  let method: HttpMethod = input.method;
  let headers = input.headers;
  let body = input.body;
  try {
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await input.fetch(url.href, {
          ...input.init,
          method,
          headers,
          body,
          redirect: "manual",
          signal: controller.signal,
        } as RequestInit);
      } catch (error) {
        return classify(error, url, controller.signal);
      }
      const discard = async (): Promise<void> => {
        await response.body?.cancel().catch(() => undefined);
      };
      const location = response.headers.get("location");
      const next = await followRedirect(input, { url, method, headers, body }, response.status, location, hop, discard);
      if (next !== undefined) {
        ({ url, method, headers, body } = next);
        continue;
      }
      try {
        const read = await readLimited(response, input.maxBytes, controller);
        if (read instanceof Uint8Array) {
          return { kind: "response", url, status: response.status, headers: response.headers, body: read };
        }
        return { kind: "too-large", url, status: response.status, bytes: read.tooLarge };
      } catch (error) {
        return classify(error, url, controller.signal);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
