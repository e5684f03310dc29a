/**
 * createHttpClient: the one way Tollgate reaches the network. Each request is checked
 * against the egress policy before any connection, runs under a per-attempt timeout and
 * an overall deadline, is retried with backoff when that is safe, and leaves one log line
 * per attempt and one egress record, none of which carry headers, queries or bodies.
 */
import { setTimeout as delay } from "node:timers/promises";
import { Agent, type Dispatcher, EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
import { compileAllowList, DEFAULT_ALLOWED_HOSTS, effectivePort, isLoopbackHost, normalizeHost } from "./allow-list.js";
import { type AttemptInput, type AttemptOutcome, runAttempt } from "./attempt.js";
import { runDispatcherAttempt } from "./attempt-dispatcher.js";
import { HttpError, type HttpErrorTarget } from "./errors.js";
import { deadlineExceeded, hostNotAllowed, insecureRefusal, offlineRefusal, outcomeError } from "./failures.js";
import { redactPath } from "./redact.js";
import { configuredRegistryHosts, npmConfigRegistry } from "./registries.js";
import { makeResponse } from "./response.js";
import { backoffDelay, isIdempotent, isRetryableStatus, parseRetryAfter } from "./retry.js";
import type { EgressRecord, HttpClient, HttpClientOptions, HttpMethod, HttpRequest, HttpResponse } from "./types.js";

/** No attempt waits longer than this, whatever is asked. */
export const MAX_TIMEOUT_MS = 30_000;
/** Overall deadline of one request, retries included, unless the options say otherwise. */
export const DEFAULT_DEADLINE_MS = 120_000;
/** Largest response body accepted when neither the call nor the client sets maxBytes. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** Attempts in all for retryable failures unless the call says otherwise. */
export const DEFAULT_ATTEMPTS = 4;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new HttpError("INVALID_OPTIONS", `${name} must be a positive number of milliseconds or bytes, got ${value}`, {
      method: "GET",
      host: "",
      path: "",
      hint: `pass a positive ${name}`,
    });
  }
  return value;
}

function statusOf(outcome: AttemptOutcome): EgressRecord["status"] {
  if (outcome.kind === "response" || outcome.kind === "too-large") return outcome.status;
  return outcome.kind === "timeout" ? "timeout" : "error";
}

function logStatus(outcome: AttemptOutcome): string {
  if (outcome.kind === "response") return String(outcome.status);
  if (outcome.kind === "too-large") return `${outcome.status} too-large`;
  if (outcome.kind === "connection") return `error ${outcome.code}`;
  if (outcome.kind === "tls") return `tls-error ${outcome.code}`;
  return outcome.kind;
}

/** Creates the HTTP client every Tollgate package uses; see HttpClientOptions for each knob. */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const allowList = compileAllowList([...(options.allowOnly ?? DEFAULT_ALLOWED_HOSTS), ...(options.allow ?? [])]);
  const defaultTimeout = Math.min(positive(options.timeoutMs, MAX_TIMEOUT_MS, "timeoutMs"), MAX_TIMEOUT_MS);
  const deadlineMs = positive(options.deadlineMs, DEFAULT_DEADLINE_MS, "deadlineMs");
  const defaultMaxBytes = positive(options.maxBytes, DEFAULT_MAX_BYTES, "maxBytes");
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => undefined);
  const egress: EgressRecord[] = [];

  // Registries configured on this machine join the defaults; asked once, only when needed.
  let configured: Promise<Set<string>> | undefined;
  const configuredHosts = (): Promise<Set<string>> => {
    const env = options.env ?? process.env;
    configured ??= configuredRegistryHosts({
      env,
      npmRegistry: options.npmRegistry ?? (() => npmConfigRegistry(env)),
    }).then((hosts) => new Set(hosts));
    return configured;
  };

  // Node's fetch is undici; its own fetch takes a dispatcher that enforces TLS ≥ 1.2 and honours HTTPS_PROXY/NO_PROXY.
  let dispatcher: Dispatcher | undefined;
  const fetchInit = (): Record<string, unknown> => {
    if (options.fetch !== undefined) return {};
    dispatcher ??= tlsDispatcher(process.env);
    return { dispatcher };
  };
  const fetchImpl = options.fetch ?? (undiciFetch as unknown as typeof fetch);
  const runOne =
    options.transport === "dispatcher" && options.fetch === undefined
      ? (input: AttemptInput): Promise<AttemptOutcome> => {
          fetchInit();
          return runDispatcherAttempt({ ...input, dispatcher: dispatcher as Dispatcher });
        }
      : runAttempt;

  const targetOf = (method: HttpMethod, url: URL): HttpErrorTarget => ({
    method,
    host: normalizeHost(url.hostname),
    path: redactPath(url.pathname),
  });

  /** Throws NetworkRefusedError unless `url` may be reached; runs before any connection. */
  const checkUrl = async (method: HttpMethod, url: URL): Promise<void> => {
    const target = targetOf(method, url);
    const refuse = (error: HttpError): never => {
      egress.push({ method, host: target.host, path: target.path, status: "refused", attempts: 0, durationMs: 0 });
      log(`${method} ${target.host}${target.path} refused`);
      throw error;
    };
    if (options.offline === true) refuse(offlineRefusal(target));
    const plaintextLoopback = url.protocol === "http:" && isLoopbackHost(url.hostname);
    if (url.protocol !== "https:" && !plaintextLoopback) refuse(insecureRefusal(target, url.protocol));
    if (url.username !== "" || url.password !== "") {
      refuse(
        new HttpError("INVALID_REQUEST", `${method} ${target.host}${target.path} refused: credentials in the URL`, {
          ...target,
          hint: "pass credentials in an Authorization header, never in the URL",
        }),
      );
    }
    if (allowList.matches(target.host, effectivePort(url))) return;
    if (options.allowOnly === undefined && (await configuredHosts()).has(target.host)) return;
    refuse(hostNotAllowed(target));
  };

  const request = async (req: HttpRequest): Promise<HttpResponse> => {
    const method: HttpMethod = req.method ?? "GET";
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new HttpError("INVALID_REQUEST", `${method} request has a malformed URL`, {
        method,
        host: "",
        path: "",
        hint: "pass an absolute https:// URL",
      });
    }
    await checkUrl(method, url);
    const timeoutMs = Math.min(positive(req.timeoutMs, defaultTimeout, "timeoutMs"), MAX_TIMEOUT_MS);
    const maxBytes = positive(req.maxBytes, defaultMaxBytes, "maxBytes");
    const asked = Math.floor(req.attempts ?? DEFAULT_ATTEMPTS);
    const maxAttempts = isIdempotent(method, req.idempotent) && Number.isFinite(asked) ? Math.max(1, asked) : 1;
    const accepted = new Set(req.acceptStatus ?? []);
    const started = now();
    const deadlineAt = started + deadlineMs;
    let last: AttemptOutcome | undefined;

    // The target of the asked URL, for the attempts that were not redirected (the usual case).
    const target = targetOf(method, url);
    const record = (outcome: AttemptOutcome, attempts: number): void => {
      const t = outcome.url === url ? target : targetOf(method, outcome.url);
      const status = statusOf(outcome);
      egress.push({ method, host: t.host, path: t.path, status, attempts, durationMs: Math.max(0, now() - started) });
    };

    for (let attempt = 1; ; attempt++) {
      const remaining = deadlineAt - now();
      if (remaining <= 0) {
        if (last !== undefined) record(last, attempt - 1);
        throw deadlineExceeded(
          { ...targetOf(method, url), status: statusAfter(last), attempts: attempt - 1 },
          deadlineMs,
        );
      }
      const budget = Math.min(timeoutMs, remaining);
      const attemptStart = now();
      const outcome = await runOne({
        fetch: fetchImpl,
        init: fetchInit(),
        method,
        url,
        headers: req.headers ?? {},
        body: req.body,
        timeoutMs: budget,
        maxBytes,
        checkHop: (next) => checkUrl(method, next),
        onRedirect: (from, status) => {
          const t = targetOf(method, from);
          log(`${method} ${t.host}${t.path} ${status} attempt ${attempt}/${maxAttempts} ${now() - attemptStart}ms`);
          egress.push({ method, host: t.host, path: t.path, status, attempts: attempt, durationMs: now() - started });
        },
      });
      last = outcome;
      const t = outcome.url === url ? target : targetOf(method, outcome.url);
      if (options.log !== undefined) {
        log(
          `${method} ${t.host}${t.path} ${logStatus(outcome)} attempt ${attempt}/${maxAttempts} ${now() - attemptStart}ms`,
        );
      }

      if (
        outcome.kind === "response" &&
        ((outcome.status >= 200 && outcome.status < 300) || accepted.has(outcome.status))
      ) {
        record(outcome, attempt);
        return makeResponse(outcome, t);
      }
      const retryable =
        outcome.kind === "timeout" ||
        outcome.kind === "connection" ||
        (outcome.kind === "response" && isRetryableStatus(outcome.status));
      const failure = { ...t, status: statusAfter(outcome), attempts: attempt };
      if (outcome.kind === "timeout" && budget < timeoutMs) {
        record(outcome, attempt);
        throw deadlineExceeded(failure, deadlineMs);
      }
      if (!retryable || attempt >= maxAttempts) {
        record(outcome, attempt);
        throw outcomeError(outcome, failure, { timeoutMs, maxBytes });
      }
      const retryAfter =
        outcome.kind === "response" && (outcome.status === 429 || outcome.status === 503)
          ? parseRetryAfter(outcome.headers.get("retry-after"), now())
          : undefined;
      const wait = retryAfter ?? backoffDelay(attempt, random);
      if (now() + wait >= deadlineAt) {
        record(outcome, attempt);
        throw deadlineExceeded(failure, deadlineMs);
      }
      await sleep(wait);
    }
  };

  return {
    request,
    get egress(): readonly EgressRecord[] {
      return [...egress];
    },
  };
}

/** The proxy variables EnvHttpProxyAgent reads when it is created (NO_PROXY matters only when one is set). */
const PROXY_VARIABLES = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"] as const;

/**
 * The dispatcher of every request: TLS ≥ 1.2, through the proxy the environment names. Without a proxy variable
 * EnvHttpProxyAgent sends every request to a plain Agent of the same options, after parsing the origin and
 * reading NO_PROXY from the environment per request; that Agent is used directly then.
 */
export function tlsDispatcher(env: Record<string, string | undefined>): Dispatcher {
  const tls = { minVersion: "TLSv1.2" as const };
  const dispatcherOptions = { connect: tls, requestTls: tls, proxyTls: tls };
  return PROXY_VARIABLES.some((name) => env[name])
    ? new EnvHttpProxyAgent(dispatcherOptions)
    : new Agent(dispatcherOptions);
}

function statusAfter(outcome: AttemptOutcome | undefined): number | undefined {
  return outcome?.kind === "response" || outcome?.kind === "too-large" ? outcome.status : undefined;
}
