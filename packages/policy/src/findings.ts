import type { Ecosystem, Location } from "@tollgate/inventory";

/** What kind of policy rule a finding is about (the JSON shape shared with the advisory gate). */
export type FindingKind = "license" | "ban" | "source" | "duplicate" | "deprecated";

/** A finding exactly as the JSON output carries it. */
export interface Finding {
  kind: FindingKind;
  package: string;
  version: string;
  ecosystem: Ecosystem;
  message: string;
  /** Dependency paths from a project root to the package, each as `name@version` steps. */
  paths: string[][];
  /** The policy key that decided, e.g. `licenses.allow`, `bans.deny`, `sources.git`. */
  rule: string;
}

/** A finding with what the gate needs besides the JSON shape: how bad it is and where it is declared. */
export interface PolicyFinding extends Finding {
  /** `deny` fails the gate; `warn` is reported only. */
  level: "deny" | "warn";
  /** The component's purl-based id. */
  componentId: string;
  /** Lockfile lines that declare the package. */
  locations: Location[];
}

/** The JSON shape of a finding: exactly kind, package, version, ecosystem, message, paths, rule. */
export function findingJson(finding: Finding): Finding {
  const { kind, package: name, version, ecosystem, message, paths, rule } = finding;
  return { kind, package: name, version, ecosystem, message, paths, rule };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders findings for reproducible output: kind, ecosystem, package, version, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.kind, b.kind) ||
    compare(a.ecosystem, b.ecosystem) ||
    compare(a.package, b.package) ||
    compare(a.version, b.version) ||
    compare(a.rule, b.rule) ||
    compare(a.message, b.message)
  );
}
