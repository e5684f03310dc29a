import type { Ecosystem } from "@tollgate/inventory";

/** Where editors find the policy's JSON Schema (published in the repository, generated from the zod schema). */
export const POLICY_SCHEMA_URL =
  "https://raw.githubusercontent.com/tollgate-dev/tollgate/v1/schema/tollgate.schema.json";

/** A commented starter `tollgate.yml` for a repository with the given ecosystems. */
export function starterPolicy(ecosystems: readonly Ecosystem[]): string {
  const found = ecosystems.length > 0 ? ecosystems.join(", ") : "none found yet";
  return `# yaml-language-server: $schema=${POLICY_SCHEMA_URL}
# Tollgate policy: what a release must satisfy. Every key is optional; the values
# below are the defaults unless marked otherwise. Ecosystems detected: ${found}.
version: 1

# high-assurance: every gate is mandatory, ignores need a reason and an expiry, unknowns fail.
# developer: advisory findings are warnings (exit 0); errors still fail.
mode: high-assurance

advisories:
  # Fail on advisories of this severity or higher: low | moderate | high | critical.
  fail-on-severity: low
  # An advisory without any severity is rated as:
  unknown-severity: critical
  # RustSec-style informational advisories: deny | warn | allow.
  unmaintained: warn
  unsound: deny
  informational: warn
  include-development: true
  # An offline advisory database older than this fails the audit as stale.
  max-database-age: 7d
  ignore: []
  #  - id: GHSA-xxxx-xxxx-xxxx
  #    reason: not reachable, we never call the vulnerable function
  #    expires: 2027-01-31

licenses:
  # SPDX ids or expressions that are allowed; anything else fails.
  allow: [MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, ISC, 0BSD, Unlicense, CC0-1.0, BlueOak-1.0.0, Zlib]
  deny: [GPL-3.0-only, GPL-3.0-or-later, AGPL-3.0-only, AGPL-3.0-or-later]
  # What to do with a package whose license is missing or not SPDX: deny | warn | allow.
  unknown: deny
  exceptions: []
  #  - package: some-package
  #    allow: [MPL-2.0]
  #    reason: used only as a build tool, never shipped
  clarify: []

bans:
  deny: []
  #  - name: request
  #    reason: deprecated, unmaintained
  #    use-instead: undici
  multiple-versions: warn

sources:
  # Packages from file:, link: or tarball URLs are not allowed in a release.
  allow-file: false
  allow-url: false

deprecated: warn
yanked: deny

secrets:
  allow: []
  #  - path: "test/fixtures/**"
  #    reason: fake credentials used by the tests
  unscanned: fail

network:
  offline: false
  allow: []
`;
}
