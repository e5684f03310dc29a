import type {
  ComponentInput,
  Ecosystem,
  GraphBuilder,
  HashAlgorithm,
  LockfileFormat,
  LockfileRef,
} from "@tollgate/inventory";
import { ECOSYSTEMS, ecosystemOfPurlType } from "@tollgate/inventory";
import { PackageURL } from "packageurl-js";
import type { DecodedComponent } from "./properties.js";

/** What a purl says about a package Tollgate reads. */
export interface PurlFacts {
  ecosystem: Ecosystem;
  version?: string;
  /** The display name for ecosystems whose purl keeps it whole (npm, Maven, Composer, Go); else undefined. */
  name?: string;
}

const SEPARATOR: Partial<Record<Ecosystem, string>> = { npm: "/", Maven: ":", Packagist: "/", Go: "/" };

/** The ecosystem (and more) of a purl, or undefined when Tollgate does not read that package type (or it is no purl). */
export function purlEcosystem(purl: string): PurlFacts | undefined {
  try {
    const parsed = PackageURL.fromString(purl);
    const ecosystem = ecosystemOfPurlType(parsed.type);
    if (!ecosystem) return undefined;
    const facts: PurlFacts = { ecosystem };
    if (parsed.version) facts.version = parsed.version;
    const separator = SEPARATOR[ecosystem];
    if (separator) facts.name = parsed.namespace ? `${parsed.namespace}${separator}${parsed.name}` : parsed.name;
    return facts;
  } catch {
    return undefined;
  }
}

const HASH_NAMES: Record<string, HashAlgorithm> = {
  MD5: "MD5",
  "SHA-1": "SHA-1",
  SHA1: "SHA-1",
  "SHA-256": "SHA-256",
  SHA256: "SHA-256",
  "SHA-384": "SHA-384",
  SHA384: "SHA-384",
  "SHA-512": "SHA-512",
  SHA512: "SHA-512",
};

/** The graph model's name of a hash algorithm as CycloneDX or SPDX writes it, or undefined when unsupported. */
export function hashAlgorithm(name: string): HashAlgorithm | undefined {
  return HASH_NAMES[name.toUpperCase()];
}

/** Adds a component read from an SBOM with every location it records (the builder takes one per call). */
export function addDecoded(builder: GraphBuilder, input: ComponentInput, decoded: DecodedComponent): string {
  const [first, ...rest] = decoded.locations;
  const id = builder.addComponent(first ? { ...input, location: first } : input);
  for (const location of rest) builder.addComponent({ ...input, location });
  return id;
}

/** Parses a `tollgate:lockfile` value (`<format> <ecosystem> <path>`). */
export function parseLockfileValue(value: string): LockfileRef | undefined {
  const match = /^(\S+) (\S+) (.+)$/.exec(value);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  const ecosystem = match[2] as Ecosystem;
  if (!ECOSYSTEMS.includes(ecosystem)) return undefined;
  return { format: match[1] as LockfileFormat, ecosystem, path: match[3] };
}
