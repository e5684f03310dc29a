import { z } from "zod";
import { defaultLimits, type ScanLimits } from "../walk/limits.js";

const reason = z.string().trim().min(1, "every allow entry needs a reason");

/** One allow entry: exactly one of `path` (glob), `regex` (on the secret) or `stopword`, with a reason. */
const allowEntrySchema = z
  .object({
    path: z.string().min(1).optional(),
    regex: z
      .string()
      .min(1)
      .refine((source) => {
        try {
          new RegExp(source);
          return true;
        } catch {
          return false;
        }
      }, "not a valid regular expression")
      .optional(),
    stopword: z.string().min(1).optional(),
    reason,
  })
  .strict()
  .refine((e) => [e.path, e.regex, e.stopword].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of path, regex or stopword",
  });

/** The `secrets:` section of the policy file. */
export const secretsConfigSchema = z
  .object({
    allow: z.array(allowEntrySchema).default([]),
    "decode-depth": z.number().int().min(0).max(5).default(2),
    limits: z
      .object({
        "max-depth": z.number().int().min(0).max(32).optional(),
        "max-total-bytes": z.number().int().positive().optional(),
        "max-file-bytes": z.number().int().positive().optional(),
        "max-members": z.number().int().positive().optional(),
        "max-ratio": z.number().positive().optional(),
      })
      .strict()
      .default({}),
    unscanned: z.enum(["fail", "allow"]).default("fail"),
  })
  .strict();

/** The validated `secrets:` section. */
export type SecretsConfig = z.output<typeof secretsConfigSchema>;
/** One allow entry of the `secrets:` section. */
export type AllowEntry = SecretsConfig["allow"][number];

/** The effective limits: the policy's, else the defaults. */
export function limitsFrom(config: SecretsConfig): ScanLimits {
  const l = config.limits;
  return {
    maxDepth: l["max-depth"] ?? defaultLimits.maxDepth,
    maxTotalBytes: l["max-total-bytes"] ?? defaultLimits.maxTotalBytes,
    maxFileBytes: l["max-file-bytes"] ?? defaultLimits.maxFileBytes,
    maxMembers: l["max-members"] ?? defaultLimits.maxMembers,
    maxRatio: l["max-ratio"] ?? defaultLimits.maxRatio,
  };
}

/** The configuration used when there is no policy file. */
export function defaultSecretsConfig(): SecretsConfig {
  return secretsConfigSchema.parse({});
}
