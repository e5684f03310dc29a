import { type SecretsConfig, secretsConfigSchema } from "@tollgate/secrets";
import semver from "semver";
import { z } from "zod";
import { isExactVersion, parseComparators, SEMVER_ECOSYSTEMS } from "../checks/match.js";
import { advisoriesSection, bansSection, licensesSection, networkSection, sourcesSection } from "./sections.js";
import { action } from "./validators.js";

/** The policy file as written (kebab-case keys), with fixed defaults applied. */
export const policyFileSchema = z
  .strictObject({
    version: z.literal(1, { error: "expected `version: 1`" }),
    mode: z.enum(["high-assurance", "developer"]).default("high-assurance"),
    network: networkSection.prefault({}),
    advisories: advisoriesSection.prefault({}),
    licenses: licensesSection.prefault({}),
    bans: bansSection.prefault({}),
    sources: sourcesSection.prefault({}),
    deprecated: action.default("warn"),
    yanked: action.optional(),
    // Owned by @tollgate/secrets; kept kebab-case in the typed policy so its helpers (limitsFrom) take it as is.
    secrets: secretsConfigSchema.prefault({}),
  })
  .superRefine((file, ctx) => {
    const ranged = [
      ...file.bans.deny.map((entry, index) => ({ entry, path: ["bans", "deny", index, "version"] })),
      ...file.licenses.clarify.map((entry, index) => ({ entry, path: ["licenses", "clarify", index, "version"] })),
      ...file.licenses.exceptions.map((entry, index) => ({
        entry,
        path: ["licenses", "exceptions", index, "version"],
      })),
    ];
    for (const { entry, path } of ranged) {
      if (entry.version === undefined || isExactVersion(entry.version)) continue;
      const eco = entry.ecosystem;
      const semverEco = eco !== undefined && SEMVER_ECOSYSTEMS.includes(eco);
      if (semverEco ? semver.validRange(entry.version) !== null : eco !== undefined && parseComparators(entry.version))
        continue;
      ctx.addIssue({
        code: "custom",
        path,
        message:
          eco === undefined
            ? `version range ${JSON.stringify(entry.version)} needs an \`ecosystem\`: ranges are compared in that ecosystem's version ordering`
            : semverEco
              ? `${JSON.stringify(entry.version)} is not a valid semver range`
              : `${JSON.stringify(entry.version)} is not a comparator list such as ">=1.0, <2.0"`,
      });
    }
    if (file.mode !== "high-assurance") return;
    file.advisories.ignore.forEach((entry, index) => {
      if (entry.expires === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["advisories", "ignore", index, "expires"],
          message: `ignoring ${entry.id} needs an expiry date (expires: YYYY-MM-DD) in high-assurance mode`,
        });
      }
    });
  });

/** The policy file's parsed form, kebab-case as written. */
export type PolicyFile = z.output<typeof policyFileSchema>;

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** A parsed value with its keys turned from kebab-case into camelCase. */
export type Camelize<T> = T extends readonly (infer U)[]
  ? Camelize<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelCase<K> : K]: Camelize<T[K]> }
    : T;

type WithDefaults = {
  licenses: { unknown: z.output<typeof action> };
  yanked: z.output<typeof action>;
};

/** The typed policy every gate works from: camelCase keys, every default filled in. */
export type Policy = Omit<Camelize<PolicyFile>, "licenses" | "yanked" | "secrets"> & {
  secrets: SecretsConfig;
  licenses: Omit<Camelize<PolicyFile>["licenses"], "unknown"> & WithDefaults["licenses"];
  yanked: WithDefaults["yanked"];
};

function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      camelize(inner),
    ]),
  );
}

/** Turns a validated policy file into the typed policy, filling the defaults that depend on `mode`. */
export function toPolicy(file: PolicyFile): Policy {
  const strict = file.mode === "high-assurance";
  const withModeDefaults: PolicyFile = {
    ...file,
    licenses: { ...file.licenses, unknown: file.licenses.unknown ?? (strict ? "deny" : "warn") },
    yanked: file.yanked ?? (strict ? "deny" : "warn"),
  };
  const { secrets, ...rest } = withModeDefaults;
  return { ...(camelize(rest) as Omit<Policy, "secrets">), secrets };
}

/** The JSON Schema of the policy file (as written), for editors and `yaml-language-server`. */
export function policyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(policyFileSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}
