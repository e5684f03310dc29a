import { z } from "zod";
import { action, duration, ecosystem, isoDate, reason, spdxExpression } from "./validators.js";

const severity = z.enum(["low", "moderate", "high", "critical"]);

/** `network`: whether the gate may go online, and to which extra hosts. */
export const networkSection = z.strictObject({
  offline: z.boolean().default(false),
  allow: z.array(z.string().regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, { error: "expected a host name" })).default([]),
});

/** `advisories`: what the advisory gate fails on and which advisories are ignored. */
export const advisoriesSection = z.strictObject({
  "fail-on-severity": severity.default("low"),
  unmaintained: action.default("warn"),
  unsound: action.default("warn"),
  informational: action.default("allow"),
  "include-development": z.boolean().default(true),
  "unknown-severity": severity.default("critical"),
  "max-database-age": duration.default("7d"),
  "malformed-records": z.enum(["fail", "skip"]).default("fail"),
  ignore: z.array(z.strictObject({ id: z.string().min(1), reason, expires: isoDate.optional() })).default([]),
});

const packageName = z.string().min(1);

/** `licenses`: allowed and denied licenses, per-package exceptions and clarifications. */
export const licensesSection = z.strictObject({
  allow: z.array(spdxExpression).optional(),
  deny: z.array(spdxExpression).default([]),
  exceptions: z
    .array(
      z.strictObject({
        package: packageName,
        ecosystem: ecosystem.optional(),
        version: z.string().min(1).optional(),
        allow: z.array(spdxExpression).min(1),
        reason,
      }),
    )
    .default([]),
  clarify: z
    .array(
      z.strictObject({
        package: packageName,
        ecosystem: ecosystem.optional(),
        version: z.string().min(1).optional(),
        expression: spdxExpression,
        reason,
      }),
    )
    .default([]),
  unknown: action.optional(),
});

/** `bans`: denied packages (with versions, wrappers, replacements) and duplicate versions. */
export const bansSection = z.strictObject({
  deny: z
    .array(
      z.strictObject({
        name: packageName,
        ecosystem: ecosystem.optional(),
        version: z.string().min(1).optional(),
        reason,
        "use-instead": z.string().min(1).optional(),
        wrappers: z.array(packageName).optional(),
      }),
    )
    .default([]),
  "multiple-versions": action.default("warn"),
  skip: z.array(packageName).default([]),
});

const url = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

/** `sources`: allowed registries, git hosts and organisations, and local or URL sources. */
export const sourcesSection = z.strictObject({
  registries: z.partialRecord(ecosystem, z.array(url)).default({}),
  git: z
    .strictObject({
      hosts: z.array(z.string().min(1)).default([]),
      repos: z.array(z.string().min(1)).default([]),
      orgs: z
        .array(z.string().regex(/^[^/\s]+\/[^/\s]+$/, { error: "expected host/org, e.g. github.com/acme" }))
        .default([]),
    })
    .prefault({}),
  "allow-file": z.boolean().default(false),
  "allow-url": z.boolean().default(false),
});
