import type { Component } from "@tollgate/inventory";
import type { Policy } from "../file/schema.js";
import type { PolicyFinding } from "../findings.js";
import type { GraphIndex } from "../graph/graph-index.js";
import { evaluateLicense, type LicenseRules, type LicenseVerdict, termSet } from "../spdx/evaluate.js";
import { dependencies, selects } from "./match.js";

/** Extra facts about packages found outside the lockfile (installed metadata, registries), keyed by component id. */
export interface PackageFacts {
  license?: string;
  /** The registry's deprecation message (npm). */
  deprecated?: string;
  /** True when the registry marks the version yanked (crates.io, RubyGems, PyPI). */
  yanked?: boolean;
  /** Where the fact came from, e.g. `node_modules/x/package.json` or `registry`. */
  origin?: string;
}

/** The license a component is judged by: a `clarify` entry, else the lockfile's, else metadata's. */
export function effectiveLicense(
  component: Component,
  policy: Policy,
  facts: PackageFacts | undefined,
): { license: string | undefined; clarified: boolean } {
  const clarify = policy.licenses.clarify.find((c) => selects({ ...c, name: c.package }, component));
  if (clarify) return { license: clarify.expression, clarified: true };
  return { license: component.license ?? facts?.license, clarified: false };
}

/** Checks every dependency's license against `licenses`: allow, deny, exceptions, clarify and unknown. */
export function checkLicenses(
  index: GraphIndex,
  policy: Policy,
  facts: ReadonlyMap<string, PackageFacts>,
): PolicyFinding[] {
  const base: LicenseRules = {
    ...(policy.licenses.allow === undefined ? {} : { allow: termSet(policy.licenses.allow) }),
    deny: termSet(policy.licenses.deny),
  };
  const findings: PolicyFinding[] = [];
  // Most packages share a handful of license strings: judge each string once under the base rules.
  const judged = new Map<string | undefined, LicenseVerdict>();
  for (const component of dependencies(index.graph.components)) {
    const exceptions = policy.licenses.exceptions.filter((e) => selects({ ...e, name: e.package }, component));
    const rules: LicenseRules =
      exceptions.length === 0 || base.allow === undefined
        ? base
        : { deny: base.deny, allow: new Set([...base.allow, ...termSet(exceptions.flatMap((e) => e.allow))]) };
    const { license } = effectiveLicense(component, policy, facts.get(component.id));
    let verdict = rules === base ? judged.get(license) : undefined;
    if (verdict === undefined) {
      verdict = evaluateLicense(license, rules);
      if (rules === base) judged.set(license, verdict);
    }
    if (verdict.status === "allowed") continue;
    if (verdict.status === "unknown" && policy.licenses.unknown === "allow") continue;
    const finding = {
      kind: "license" as const,
      package: component.name,
      version: component.version,
      ecosystem: component.ecosystem,
      paths: [index.path(component.id)],
      componentId: component.id,
      locations: component.locations,
    };
    if (verdict.status === "unknown") {
      findings.push({
        ...finding,
        level: policy.licenses.unknown === "deny" ? "deny" : "warn",
        rule: "licenses.unknown",
        message:
          verdict.raw === undefined || verdict.raw.trim() === ""
            ? "no license is recorded for this package"
            : verdict.raw.trim() === "UNLICENSED"
              ? 'license "UNLICENSED" means proprietary: no license is granted (it is not the Unlicense)'
              : `license ${JSON.stringify(verdict.raw)} is not an SPDX expression (unresolved; add a licenses.clarify entry if you know the license)`,
      });
    } else if (verdict.status === "denied") {
      findings.push({
        ...finding,
        level: "deny",
        rule: "licenses.deny",
        message: `license ${verdict.expression} is denied (${verdict.terms.join(", ")})`,
      });
    } else {
      findings.push({
        ...finding,
        level: "deny",
        rule: "licenses.allow",
        message: `license ${verdict.expression} is not allowed (${verdict.terms.join(", ")} not in licenses.allow)`,
      });
    }
  }
  return findings;
}
