export type { AllowList } from "./allow-list.js";
export { compileAllowList, DEFAULT_ALLOWED_HOSTS, isLoopbackHost, parseAllowEntry } from "./allow-list.js";
export {
  createHttpClient,
  DEFAULT_ATTEMPTS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_BYTES,
  MAX_TIMEOUT_MS,
} from "./client.js";
export type { HttpErrorCode, HttpErrorTarget } from "./errors.js";
export { HttpError, HttpStatusError, HttpTimeoutError, isHttpError, NetworkRefusedError } from "./errors.js";
export { redactSecrets } from "./redact.js";
export type {
  EgressRecord,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
} from "./types.js";
