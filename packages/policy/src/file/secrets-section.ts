import { z } from "zod";
import { reason } from "./validators.js";

/**
 * The `secrets` section, validated here until @tollgate/secrets exports its own
 * `secretsConfigSchema`; then the policy embeds that schema instead.
 */
export const secretsSectionSchema = z.strictObject({
  allow: z
    .array(
      z
        .strictObject({
          path: z.string().min(1).optional(),
          regex: z.string().min(1).optional(),
          stopword: z.string().min(1).optional(),
          reason,
        })
        .refine((entry) => [entry.path, entry.regex, entry.stopword].filter((v) => v !== undefined).length === 1, {
          error: "each allow entry needs exactly one of path, regex or stopword",
        }),
    )
    .optional(),
  "decode-depth": z.int().min(0).max(10).optional(),
  limits: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.number().nonnegative()).optional(),
  unscanned: z.enum(["fail", "allow"]).optional(),
});
