/**
 * The egress allow-list: which hosts the client may connect to. Deny by default; a
 * host is allowed when an entry names it exactly or a `*.suffix` entry covers it (an
 * entry with `:port` covers that port only).
 */
import { HttpError } from "./errors.js";

/**
 * The documented endpoints of each gate. npm's registry is not named here: its URL comes
 * from npm's own configuration at run time (see registries.ts), so a configured mirror is
 * what the gate talks to; other mirrors are added with the policy's `network.allow`.
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
  // Public metadata APIs of the registries (licenses, deprecated and yanked packages).
  "crates.io",
  "pypi.org",
  "rubygems.org",
  "repo.packagist.org",
  "api.nuget.org",
]);

/** A compiled allow-list; `matches` takes a URL hostname (IPv6 with or without brackets) and port. */
export interface AllowList {
  readonly entries: readonly string[];
  /** True when an entry covers the host; an entry with a port covers that port only. */
  matches(host: string, port?: number): boolean;
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
    hint: 'write a host name ("mirror.example.org"), optionally with a port ("mirror.example.org:8443"), or a wildcard of a domain ("*.example.org"), without scheme or path',
  });
}

/** Splits `host:port`, `[v6]:port`, `[v6]` and a bare IPv6 address into host and port text. */
function splitPort(entry: string): { host: string; port: string | undefined } {
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? "", port: bracketed[2] };
  const colons = entry.split(":").length - 1;
  if (colons !== 1) return { host: entry, port: undefined };
  const [host = "", port = ""] = entry.split(":");
  return { host, port };
}

/**
 * Checks that an entry is a bare host name, IP address or `*.domain`, optionally with
 * a port, and normalizes it (lower case, no trailing dot, IPv6 in brackets when a port follows).
 */
export function parseAllowEntry(entry: string): string {
  if (/[/@?#\s]/.test(entry.trim())) throw invalidEntry(entry, "is not a bare host name");
  const { host: rawHost, port } = splitPort(entry.trim());
  const normalized = normalizeHost(rawHost);
  const wildcard = normalized.startsWith("*.");
  const host = wildcard ? normalized.slice(2) : normalized;
  if (host === "" || host.includes("*")) throw invalidEntry(entry, "is not a host name or a *.domain wildcard");
  if (port !== undefined && !/^\d{1,5}$/.test(port)) throw invalidEntry(entry, "has a port that is not a number");
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw invalidEntry(entry, "has no valid port");
  let parsed: URL;
  try {
    parsed = new URL(`https://${host.includes(":") ? `[${host}]` : host}/`);
  } catch {
    throw invalidEntry(entry, "is not a valid host name");
  }
  if (normalizeHost(parsed.hostname) !== host) throw invalidEntry(entry, "is not a bare host name");
  if (wildcard && !host.includes(".")) throw invalidEntry(entry, "would allow a whole top-level domain");
  const name = wildcard ? `*.${host}` : host;
  if (port === undefined) return name;
  return `${host.includes(":") ? `[${name}]` : name}:${Number(port)}`;
}

interface Rule {
  host: string;
  wildcard: boolean;
  port: number | undefined;
}

function toRule(entry: string): Rule {
  const { host, port } = splitPort(entry);
  const wildcard = host.startsWith("*.");
  return { host: wildcard ? host.slice(1) : host, wildcard, port: port === undefined ? undefined : Number(port) };
}

/**
 * Compiles entries (exact hosts or `*.suffix`, each optionally with `:port`) into a
 * matcher; invalid entries throw INVALID_OPTIONS.
 */
export function compileAllowList(entries: readonly string[]): AllowList {
  const parsed = [...new Set(entries.map(parseAllowEntry))].sort();
  const rules = parsed.map(toRule);
  return {
    entries: parsed,
    matches(host: string, port?: number): boolean {
      const h = normalizeHost(host);
      return rules.some(
        (rule) =>
          (rule.port === undefined || rule.port === port) &&
          (rule.wildcard ? h.endsWith(rule.host) && h.length > rule.host.length : h === rule.host),
      );
    },
  };
}

/** The port a URL connects to: its explicit port, else 443 for https: and 80 for http:. */
export function effectivePort(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "http:" ? 80 : 443;
}

/** True for loopback hosts, the only ones plaintext `http:` may reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
