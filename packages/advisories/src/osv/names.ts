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

/** The index key of a package: base ecosystem and normalised name. */
export function packageKey(ecosystem: string, name: string): string {
  return `${baseEcosystem(ecosystem)}\u0000${normalizeName(ecosystem, name)}`;
}
