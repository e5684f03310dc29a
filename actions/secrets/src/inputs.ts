import { z } from "zod";

/** The inputs of the secrets action, validated. */
export const secretsInputsSchema = z.object({
  paths: z.array(z.string().min(1)).min(1, "give at least one path to scan"),
  policy: z.string(),
  baseline: z.string(),
  sarifFile: z.string(),
  jsonFile: z.string(),
  annotations: z.boolean(),
});

/** Validated inputs of the secrets action. */
export type SecretsInputs = z.infer<typeof secretsInputsSchema>;

/** Validates the raw inputs; an empty `paths` list means the workspace. */
export function parseSecretsInputs(raw: {
  paths: string[];
  policy: string;
  baseline: string;
  sarifFile: string;
  jsonFile: string;
  annotations: boolean;
}): SecretsInputs {
  return secretsInputsSchema.parse({ ...raw, paths: raw.paths.length === 0 ? ["."] : raw.paths });
}
