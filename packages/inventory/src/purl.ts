import { PackageURL } from "packageurl-js";
import type { Ecosystem } from "./model.js";

const PURL_TYPE: Record<Ecosystem, string> = {
  npm: "npm",
  "crates.io": "cargo",
  Go: "golang",
  PyPI: "pypi",
  RubyGems: "gem",
  Packagist: "composer",
  Maven: "maven",
  NuGet: "nuget",
};

/** The purl type (`npm`, `cargo`, `golang`, …) of an ecosystem. */
export function purlType(ecosystem: Ecosystem): string {
  return PURL_TYPE[ecosystem];
}

/** The ecosystem a purl type belongs to, or undefined for types Tollgate does not read. */
export function ecosystemOfPurlType(type: string): Ecosystem | undefined {
  for (const [ecosystem, t] of Object.entries(PURL_TYPE)) if (t === type) return ecosystem as Ecosystem;
  return undefined;
}

/**
 * Splits an ecosystem display name into purl namespace and name:
 * `@scope/pkg`, `group:artifact`, `vendor/package`, `github.com/org/mod`.
 */
export function splitName(ecosystem: Ecosystem, name: string): { namespace?: string; name: string } {
  const cut = (separator: string) => {
    const at = name.lastIndexOf(separator);
    return at > 0 ? { namespace: name.slice(0, at), name: name.slice(at + 1) } : { name };
  };
  switch (ecosystem) {
    case "npm":
      return name.startsWith("@") ? cut("/") : { name };
    case "Go":
    case "Packagist":
      return cut("/");
    case "Maven":
      return cut(":");
    default:
      return { name };
  }
}

/** npm names packageurl-js prints unchanged (lower case, nothing to percent-encode) but for the scope's `@`. */
const PLAIN_NPM_NAME = /^(?:@[a-z0-9._~-]+\/)?[a-z0-9._~-]+$/;
/** Versions packageurl-js prints unchanged (`+` is kept as is). */
const PLAIN_VERSION = /^[A-Za-z0-9._~+-]*$/;

/**
 * The purl of an npm package whose name and version need no normalising or encoding, without
 * the cost of a PackageURL (most of a large lockfile); undefined for every other package.
 */
export function plainNpmPurl(name: string, version: string | undefined): string | undefined {
  if (!PLAIN_NPM_NAME.test(name) || (version !== undefined && !PLAIN_VERSION.test(version))) return undefined;
  const path = name.startsWith("@") ? `%40${name.slice(1)}` : name;
  return version ? `pkg:npm/${path}@${version}` : `pkg:npm/${path}`;
}

/** Builds a spec-correct purl for a package of an ecosystem (names normalised by packageurl-js). */
export function makePurl(
  ecosystem: Ecosystem,
  name: string,
  version: string | undefined,
  qualifiers?: Record<string, string>,
): string {
  const plain =
    ecosystem === "npm" && (!qualifiers || Object.keys(qualifiers).length === 0)
      ? plainNpmPurl(name, version)
      : undefined;
  if (plain !== undefined) return plain;
  const parts = splitName(ecosystem, name);
  const sorted =
    qualifiers && Object.keys(qualifiers).length > 0
      ? Object.fromEntries(Object.entries(qualifiers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : undefined;
  return new PackageURL(
    purlType(ecosystem),
    parts.namespace ?? undefined,
    parts.name,
    version || undefined,
    sorted,
    undefined,
  ).toString();
}
