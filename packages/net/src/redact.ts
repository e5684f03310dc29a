/**
 * Redaction of credentials in text that leaves the client (error excerpts, paths in
 * logs and egress records). A secret becomes `abc***xyz`: enough to recognise it,
 * not enough to use it.
 */

/** Token formats with a recognisable prefix (GitHub, npm, Slack, AWS keys, JWTs). */
const PREFIXED_TOKENS =
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|npm_[A-Za-z0-9]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[A-Z0-9]{16}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})/g;
/** `Bearer x`, `Basic x`, `token x` as found in echoed headers. */
const AUTH_SCHEMES = /\b(Bearer|Basic|token)(\s+)([A-Za-z0-9._~+/=-]{6,})/gi;
/** `"password": "x"`, `token=x`, `api_key: x` … */
const SECRET_ASSIGNMENTS =
  /\b((?:access_?token|refresh_?token|id_?token|token|secret|password|passwd|api_?key|apikey|client_?secret|auth)["']?\s*[:=]\s*["']?)([^\s"'&,;}]{4,})/gi;
/** Long runs of hex or base64(url) characters, the shape of most raw keys. */
const LONG_RUNS = /[A-Za-z0-9+/_-]{32,}={0,2}/g;

/** `abc***xyz` for long values, `***` for short ones. */
export function mask(secret: string): string {
  return secret.length >= 12 ? `${secret.slice(0, 3)}***${secret.slice(-3)}` : "***";
}

/** Replaces tokens, credentials and long key-like runs in free text with `abc***xyz`. */
export function redactSecrets(text: string): string {
  return text
    .replace(PREFIXED_TOKENS, (token) => mask(token))
    .replace(AUTH_SCHEMES, (_all, scheme: string, space: string, value: string) =>
      value.includes("***") ? `${scheme}${space}${value}` : `${scheme}${space}${mask(value)}`,
    )
    .replace(SECRET_ASSIGNMENTS, (_all, key: string, value: string) =>
      value.includes("***") ? `${key}${value}` : `${key}${mask(value)}`,
    )
    .replace(LONG_RUNS, (run) => (run.includes("***") ? run : mask(run)));
}

/**
 * Redacts a URL path for logs and evidence: only token formats with a known prefix are
 * masked, so digests and package names in paths stay auditable.
 */
export function redactPath(path: string): string {
  return path.replace(PREFIXED_TOKENS, (token) => mask(token));
}

/** A short, single-line, redacted excerpt of a response body for error messages. */
export function bodyExcerpt(body: Uint8Array, limit = 200): string {
  const cut = body.length > limit * 4;
  let head = new TextDecoder("utf-8", { fatal: false }).decode(body.subarray(0, limit * 4));
  // A secret cut in half at the edge would no longer match the patterns: drop the partial word.
  if (cut) head = head.replace(/\S*$/, "");
  const oneLine = head.replace(/\s+/g, " ").trim();
  const redacted = redactSecrets(oneLine);
  if (redacted.length > limit) return `${redacted.slice(0, limit)}…`;
  return cut ? `${redacted}…` : redacted;
}
