/** The HttpResponse handed to callers: a fully read, size-checked body with typed decoding. */
import { describeTarget, HttpError, type HttpErrorTarget } from "./errors.js";
import type { HttpResponse } from "./types.js";

/** One decoder for every body (decoding without `stream` keeps no state between calls). */
const UTF8 = new TextDecoder("utf-8");

/** Wraps a completed attempt; `json()` failures are BAD_RESPONSE errors naming the URL without its query. */
export function makeResponse(
  outcome: { url: URL; status: number; headers: Headers; body: Uint8Array },
  target: HttpErrorTarget,
): HttpResponse {
  const text = (): string => UTF8.decode(outcome.body);
  return {
    status: outcome.status,
    // Read from the outcome on first use: a dispatcher attempt builds its Headers object only when asked.
    get headers() {
      return outcome.headers;
    },
    url: outcome.url.href,
    body: outcome.body,
    text,
    json<T = unknown>(): T {
      try {
        return JSON.parse(text()) as T;
      } catch (error) {
        const reason = error instanceof SyntaxError ? error.message.replace(/"[^"]*"/g, "…") : "unreadable";
        throw new HttpError("BAD_RESPONSE", `${describeTarget(target)} returned a body that is not JSON (${reason})`, {
          ...target,
          status: outcome.status,
          hint: "the service answered with something else than its API (a proxy or captive portal page?); retry later",
        });
      }
    },
  };
}
