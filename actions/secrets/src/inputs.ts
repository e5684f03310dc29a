import { z } from "zod";

/** The inputs of the secrets action, validated. */
export const secretsInputsSchema = z.object({
  paths: z.array(z.string().min(1)).min(1, "give at least one path to scan"),
  policy: z.string(),
  baseline: z.string(),
  sarifFile: z.string(),
  jsonFile: z.string(),
  annotations: z.boolean(),
  /** Scanning threads (this one and worker threads); 0 and 1 scan in the action's own thread. */
  workers: z
    .number({ error: "workers must be a whole number" })
    .int("workers must be a whole number")
    .min(0, "workers must be 0 or more"),
});

/** Validated inputs of the secrets action. */
export type SecretsInputs = z.infer<typeof secretsInputsSchema>;

/**
 * Validates the raw inputs; an empty `paths` list means the workspace, an empty `workers` one
 * thread per core (`cores`).
 */
export function parseSecretsInputs(
  raw: {
    paths: string[];
    policy: string;
    baseline: string;
    sarifFile: string;
    jsonFile: string;
    annotations: boolean;
    workers: string;
  },
  cores: number,
): SecretsInputs {
  const workers = raw.workers.trim() === "" ? cores : Number(raw.workers.trim());
  return secretsInputsSchema.parse({ ...raw, paths: raw.paths.length === 0 ? ["."] : raw.paths, workers });
}
