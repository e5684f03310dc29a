import { baseEcosystem } from "../versions/ecosystems.js";

/**
 * The key a package name is matched by in an ecosystem: PEP 503 for PyPI, lower case
 * where the registry is case-insensitive (NuGet, Packagist), `group:artifact` for Maven,
 * module paths without a trailing slash for Go, exact elsewhere.
 */
export function normalizeName(ecosystem: string, name: string): string {
  const trimmed = name.trim();
  switch (baseEcosystem(ecosystem)) {
    case "PyPI":
      return trimmed.toLowerCase().replace(/[-_.]+/g, "-");
    case "NuGet":
    case "Packagist":
      return trimmed.toLowerCase();
    case "Maven":
      return trimmed.replace(/\s+/g, "").replace("/", ":");
    case "Go":
      return trimmed.replace(/\/+$/, "");
    default:
      return trimmed;
  }
}

/**
 * The index key of a package: the ecosystem as written (a `Debian:12` advisory is about
 * Debian 12 only, so the release suffix stays part of the key) and the normalised name.
 */
export function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem.trim()}\u0000${normalizeName(ecosystem, name)}`;
}
