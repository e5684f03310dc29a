import { AdvisoryError } from "../errors.js";
import { alpineScheme } from "./alpine.js";
import { debianScheme } from "./debian.js";
import { mavenScheme } from "./maven.js";
import { nugetScheme } from "./nuget.js";
import { cranScheme, hackageScheme } from "./numeric-list.js";
import { packagistScheme } from "./packagist.js";
import { pubScheme } from "./pub.js";
import { pypiScheme } from "./pypi.js";
import { rpmScheme } from "./rpm.js";
import { rubygemsScheme } from "./rubygems.js";
import type { VersionScheme } from "./scheme.js";
import { semverScheme } from "./semver.js";

const SCHEMES: Record<string, VersionScheme> = {
  npm: semverScheme,
  "crates.io": semverScheme,
  Go: semverScheme,
  Hex: semverScheme,
  PyPI: pypiScheme,
  RubyGems: rubygemsScheme,
  Maven: mavenScheme,
  NuGet: nugetScheme,
  Packagist: packagistScheme,
  Pub: pubScheme,
  Hackage: hackageScheme,
  CRAN: cranScheme,
  Alpine: alpineScheme,
  Debian: debianScheme,
  Ubuntu: debianScheme,
  "Red Hat": rpmScheme,
  AlmaLinux: rpmScheme,
  "Rocky Linux": rpmScheme,
  SUSE: rpmScheme,
  openSUSE: rpmScheme,
} as Record<string, VersionScheme>;

/** The OSV ecosystems whose versions Tollgate can order, sorted. */
export const SUPPORTED_ECOSYSTEMS: readonly string[] = Object.keys(SCHEMES).sort();

/** The base OSV ecosystem name of `Debian:12`-style names (the part before the first colon). */
export function baseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(":");
  return colon === -1 ? ecosystem : ecosystem.slice(0, colon);
}

/** The version ordering of an OSV ecosystem, or undefined when Tollgate has none for it. */
export function findScheme(ecosystem: string): VersionScheme | undefined {
  return SCHEMES[baseEcosystem(ecosystem)];
}

/** The version ordering of an OSV ecosystem; an UNSUPPORTED_ECOSYSTEM error when there is none. */
export function schemeFor(ecosystem: string): VersionScheme {
  const scheme = findScheme(ecosystem);
  if (!scheme) {
    throw new AdvisoryError("UNSUPPORTED_ECOSYSTEM", `no version ordering for ecosystem ${ecosystem}`, {
      hint: `Tollgate orders versions of ${SUPPORTED_ECOSYSTEMS.join(", ")}`,
    });
  }
  return scheme;
}

/** Compares two version strings of one ecosystem; an unparseable version is an INVALID_VERSION error. */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  const scheme = schemeFor(ecosystem);
  const x = scheme.parse(a);
  const y = scheme.parse(b);
  const bad = x === undefined ? a : y === undefined ? b : undefined;
  if (bad !== undefined) {
    throw new AdvisoryError("INVALID_VERSION", `"${bad}" is not a valid ${ecosystem} version`, {
      hint: `check the version recorded for this ${ecosystem} package`,
    });
  }
  return Math.sign(scheme.compare(x, y));
}
