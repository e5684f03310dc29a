/**
 * Turns the outcome of a failed request into a typed, redacted error that says what
 * happened to which request and what the user can do about it.
 */
import type { AttemptOutcome } from "./attempt.js";
import {
  describeTarget,
  HttpError,
  type HttpErrorTarget,
  HttpStatusError,
  HttpTimeoutError,
  NetworkRefusedError,
} from "./errors.js";
import { bodyExcerpt } from "./redact.js";

function attemptsText(attempts: number): string {
  return attempts === 1 ? "1 attempt" : `${attempts} attempts`;
}

function statusHint(status: number): string {
  if (status === 401) return "check that the token is set and valid for this service";
  if (status === 403) return "check the token's permissions, or wait if a rate limit was hit";
  if (status === 404) return "check the name and URL requested; the resource does not exist or is not visible";
  if (status === 429) return "the service is rate-limiting: retry later or authenticate for a higher limit";
  if (status >= 500) return "the service is failing; retry later";
  return "check the request against the service's documentation";
}

/** The refusal of a host that no allow-list entry covers. */
export function hostNotAllowed(target: HttpErrorTarget): NetworkRefusedError {
  return new NetworkRefusedError(`${describeTarget(target)} refused: host ${target.host} is not on the allow-list`, {
    ...target,
    hint: `if Tollgate should reach it, add "${target.host}" under network.allow in the policy`,
  });
}

/** The refusal of every request in offline mode. */
export function offlineRefusal(target: HttpErrorTarget): NetworkRefusedError {
  return new NetworkRefusedError(`${describeTarget(target)} refused: network access is off (network.offline: true)`, {
    ...target,
    hint: "set network.offline to false in the policy, or give the gate offline data (e.g. a local OSV database)",
  });
}

/** The refusal of plaintext HTTP or another scheme to a non-loopback host. */
export function insecureRefusal(target: HttpErrorTarget, protocol: string): NetworkRefusedError {
  return new NetworkRefusedError(
    `${describeTarget(target)} refused: ${protocol} is not allowed, only https: (plaintext http: only to loopback)`,
    { ...target, hint: `use an https:// URL for ${target.host}` },
  );
}

/** The error for a failed attempt outcome (anything but an accepted response). */
export function outcomeError(
  outcome: AttemptOutcome,
  target: HttpErrorTarget,
  limits: { timeoutMs: number; maxBytes: number },
): HttpError | HttpStatusError | HttpTimeoutError {
  const what = describeTarget(target);
  const tries = attemptsText(target.attempts ?? 1);
  switch (outcome.kind) {
    case "response": {
      const excerpt = bodyExcerpt(outcome.body);
      const suffix = excerpt === "" ? "" : `: ${excerpt}`;
      return new HttpStatusError(`${what} failed with HTTP ${outcome.status} after ${tries}${suffix}`, {
        ...target,
        status: outcome.status,
        bodyExcerpt: excerpt,
        hint: statusHint(outcome.status),
      });
    }
    case "too-large":
      return new HttpError(
        "RESPONSE_TOO_LARGE",
        `${what} returned a body larger than the ${limits.maxBytes}-byte limit (stopped at ${outcome.bytes} bytes)`,
        {
          ...target,
          status: outcome.status,
          hint: "raise maxBytes at the call site if this response size is expected",
        },
      );
    case "timeout":
      return new HttpTimeoutError(`${what} timed out after ${limits.timeoutMs} ms (${tries})`, {
        ...target,
        timeoutMs: limits.timeoutMs,
        hint: "check connectivity and proxy settings (HTTPS_PROXY, NO_PROXY), or retry later",
      });
    case "tls":
      return new HttpError("TLS_FAILED", `${what} failed: TLS certificate validation failed (${outcome.code})`, {
        ...target,
        hint: "if a corporate proxy or CA signs this certificate, point NODE_EXTRA_CA_CERTS at its PEM file",
      });
    case "invalid":
      return new HttpError(
        "INVALID_REQUEST",
        `${what} could not be sent: malformed request (method, headers or body)`,
        {
          ...target,
          hint: "check the headers and body passed to the HTTP client",
        },
      );
    case "connection":
      return new HttpError("CONNECTION_FAILED", `${what} failed: connection error ${outcome.code} after ${tries}`, {
        ...target,
        hint: "check connectivity, DNS and proxy settings (HTTPS_PROXY, NO_PROXY), or retry later",
      });
  }
}

/** The error when the overall deadline ends the retries. */
export function deadlineExceeded(target: HttpErrorTarget, deadlineMs: number): HttpError<"DEADLINE_EXCEEDED"> {
  const status = target.status === undefined ? "" : `, last status ${target.status}`;
  return new HttpError(
    "DEADLINE_EXCEEDED",
    `${describeTarget(target)} did not succeed within its ${deadlineMs} ms deadline (${attemptsText(target.attempts ?? 0)}${status})`,
    { ...target, hint: "the service is slow or failing; retry later, or raise the deadline for this operation" },
  );
}
