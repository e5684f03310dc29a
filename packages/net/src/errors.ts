import { TollgateError } from "@tollgate/errors";
import type { HttpMethod } from "./types.js";

/** Stable codes of every error raised by @tollgate/net. */
export type HttpErrorCode =
  | "NETWORK_REFUSED"
  | "INVALID_REQUEST"
  | "INVALID_OPTIONS"
  | "TIMEOUT"
  | "DEADLINE_EXCEEDED"
  | "CONNECTION_FAILED"
  | "TLS_FAILED"
  | "HTTP_STATUS"
  | "RESPONSE_TOO_LARGE"
  | "BAD_RESPONSE";

/** The request an error is about: never headers, query strings or bodies. */
export interface HttpErrorTarget {
  method: HttpMethod;
  host: string;
  path: string;
  /** The last HTTP status received, when any. */
  status?: number;
  /** Attempts made before giving up (0 when refused before connecting). */
  attempts?: number;
}

interface HttpErrorInit extends HttpErrorTarget {
  hint?: string;
  cause?: unknown;
}

/** The one error class of @tollgate/net; subclasses narrow the code. */
export class HttpError<Code extends HttpErrorCode = HttpErrorCode> extends TollgateError<Code> {
  readonly method: HttpMethod;
  readonly host: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly attempts: number;

  constructor(code: Code, message: string, init: HttpErrorInit) {
    super(code, message, { hint: init.hint, cause: init.cause });
    this.method = init.method;
    this.host = init.host;
    this.path = init.path;
    this.status = init.status;
    this.attempts = init.attempts ?? 0;
  }
}

/** A request refused before any connection: offline, host not allow-listed, plaintext HTTP. */
export class NetworkRefusedError extends HttpError<"NETWORK_REFUSED"> {
  constructor(message: string, init: HttpErrorInit) {
    super("NETWORK_REFUSED", message, init);
  }
}

/** No complete response within the per-attempt timeout (connecting, headers or a stalled body). */
export class HttpTimeoutError extends HttpError<"TIMEOUT"> {
  readonly timeoutMs: number;

  constructor(message: string, init: HttpErrorInit & { timeoutMs: number }) {
    super("TIMEOUT", message, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** A status the caller did not accept; carries a short, redacted excerpt of the body. */
export class HttpStatusError extends HttpError<"HTTP_STATUS"> {
  declare readonly status: number;
  readonly bodyExcerpt: string;

  constructor(message: string, init: HttpErrorInit & { status: number; bodyExcerpt: string }) {
    super("HTTP_STATUS", message, init);
    this.bodyExcerpt = init.bodyExcerpt;
  }
}

/** True for any error raised by @tollgate/net. */
export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError;
}

/** `GET host/path`, the way every message names a request. */
export function describeTarget(target: Pick<HttpErrorTarget, "method" | "host" | "path">): string {
  return `${target.method} ${target.host}${target.path}`;
}
