/**
 * The egress allow-list: which hosts the client may connect to. Deny by default; a
 * host is allowed when an entry names it exactly or a `*.suffix` entry covers it.
 */
import { HttpError } from "./errors.js";

/**
 * The documented endpoints of each gate. Package registries are not named here: their
 * URLs come from the package managers' own configuration at run time (see registries.ts)
 * or from the policy's `network.allow`.
 */
export const DEFAULT_ALLOWED_HOSTS: readonly string[] = Object.freeze([
  // OSV: the query API and the bucket of per-ecosystem exports.
  "api.osv.dev",
  "osv-vulnerabilities.storage.googleapis.com",
  // Sigstore public-good instance: certificate authority, transparency log, timestamps, trust root.
  "fulcio.sigstore.dev",
  "rekor.sigstore.dev",
  "timestamp.sigstore.dev",
  "tuf-repo-cdn.sigstore.dev",
  // GitHub: REST API, release asset uploads, and GitHub's own Sigstore instance.
  "api.github.com",
  "uploads.github.com",
  "fulcio.githubapp.com",
  "timestamp.githubapp.com",
]);

/** A compiled allow-list; `matches` takes a URL hostname (IPv6 without brackets). */
export interface AllowList {
  readonly entries: readonly string[];
  matches(host: string): boolean;
}

/** Lower-cases a host and strips IPv6 brackets and a trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  if (h.endsWith(".")) h = h.slice(0, -1);
  return h;
}

function invalidEntry(entry: string, why: string): HttpError<"INVALID_OPTIONS"> {
  return new HttpError("INVALID_OPTIONS", `network.allow entry ${JSON.stringify(entry)} ${why}`, {
    method: "GET",
    host: "",
    path: "",
    hint: 'write a host name ("mirror.example.org") or a wildcard of a domain ("*.example.org"), without scheme, port or path',
  });
}

/** Checks that an entry is a bare host name, IP address or `*.domain`, and normalizes it. */
export function parseAllowEntry(entry: string): string {
  const normalized = normalizeHost(entry);
  const wildcard = normalized.startsWith("*.");
  const host = wildcard ? normalized.slice(2) : normalized;
  if (host === "" || host.includes("*")) throw invalidEntry(entry, "is not a host name or a *.domain wildcard");
  if (/[/@?#\s]/.test(host)) throw invalidEntry(entry, "is not a bare host name");
  let parsed: URL;
  try {
    parsed = new URL(`https://${host.includes(":") ? `[${host}]` : host}/`);
  } catch {
    throw invalidEntry(entry, "is not a valid host name");
  }
  if (normalizeHost(parsed.hostname) !== host || parsed.port !== "") {
    throw invalidEntry(entry, "is not a bare host name");
  }
  if (wildcard && !host.includes(".")) throw invalidEntry(entry, "would allow a whole top-level domain");
  return wildcard ? `*.${host}` : host;
}

/** Compiles entries (exact hosts or `*.suffix`) into a matcher; invalid entries throw INVALID_OPTIONS. */
export function compileAllowList(entries: readonly string[]): AllowList {
  const parsed = [...new Set(entries.map(parseAllowEntry))].sort();
  const exact = new Set(parsed.filter((e) => !e.startsWith("*.")));
  const suffixes = parsed.filter((e) => e.startsWith("*.")).map((e) => e.slice(1));
  return {
    entries: parsed,
    matches(host: string): boolean {
      const h = normalizeHost(host);
      return exact.has(h) || suffixes.some((suffix) => h.endsWith(suffix) && h.length > suffix.length);
    },
  };
}

/** True for loopback hosts, the only ones plaintext `http:` may reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
