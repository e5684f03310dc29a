import type { Source } from "../../model.js";
import { isRegistryTarball } from "../npm/npm-source.js";

/** A yarn berry locator (`resolution:`) taken apart. */
export interface BerryLocator {
  /** The package's real name (an alias's target, a patch's base package). */
  name: string;
  protocol: string;
  /** The reference after the protocol, without yarn's `::` binding parameters. */
  reference: string;
  /** For `patch:`, the patch spec (`~builtin<compat/resolve>`, `./.yarn/patches/x.patch`). */
  patch?: string;
  source?: Source;
  qualifiers?: Record<string, string>;
}

/** Splits `name@reference`, the name possibly scoped. */
export function splitDescriptor(text: string): [string, string] | undefined {
  const at = text.indexOf("@", text.startsWith("@") ? 1 : 0);
  return at > 0 ? [text.slice(0, at), text.slice(at + 1)] : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads a locator such as `resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d`,
 * `pkg@workspace:packages/pkg`, `pkg@https://host/pkg.tgz` or `pkg@https://github.com/o/r.git#commit=sha`.
 */
export function parseLocator(resolution: string, version: string): BerryLocator | undefined {
  const parts = splitDescriptor(resolution);
  if (!parts) return undefined;
  const [name, rest] = parts;
  const bare = rest.split("::")[0] ?? rest;
  const colon = bare.indexOf(":");
  const protocol = colon === -1 ? "" : bare.slice(0, colon + 1);
  const reference = colon === -1 ? bare : bare.slice(colon + 1);
  if (protocol === "patch:") {
    const hash = reference.indexOf("#");
    const base = parseLocator(decode(hash === -1 ? reference : reference.slice(0, hash)), version);
    const patch = hash === -1 ? "" : decode(reference.slice(hash + 1));
    return { ...(base ?? { name, protocol, reference }), name: base?.name ?? name, patch };
  }
  const locator: BerryLocator = { name, protocol, reference };
  if (protocol === "npm:") {
    locator.source = { type: "registry" };
  } else if (/^(git\+|git:|ssh:)/.test(bare) || /\.git#/.test(bare) || /#commit=/.test(bare)) {
    const url = bare.replace("#commit=", "#");
    locator.source = { type: "git", url };
    locator.qualifiers = { vcs_url: url.startsWith("git+") || url.startsWith("git:") ? url : `git+${url}` };
  } else if (protocol === "https:" || protocol === "http:") {
    locator.source = isRegistryTarball(bare, name, version)
      ? { type: "registry", url: bare }
      : { type: "url", url: bare };
    if (locator.source.type === "url") locator.qualifiers = { download_url: bare };
  } else if (protocol === "file:" || protocol === "link:" || protocol === "portal:") {
    locator.source = { type: protocol === "file:" ? "file" : "link", url: reference };
    locator.qualifiers = { download_url: `${protocol}${reference}` };
  } else if (protocol === "workspace:") {
    locator.source = { type: "workspace", url: reference };
  } else if (protocol !== "") {
    locator.source = { type: "url", url: bare };
    locator.qualifiers = { download_url: bare };
  }
  return locator;
}
