import { z } from "zod";
import { AdvisoryError } from "../errors.js";

const event = z
  .object({
    introduced: z.string().min(1).optional(),
    fixed: z.string().min(1).optional(),
    last_affected: z.string().min(1).optional(),
    limit: z.string().min(1).optional(),
  })
  .refine((e) => Object.values(e).filter((v) => v !== undefined).length === 1, {
    message: "an event has exactly one of introduced, fixed, last_affected, limit",
  });

const range = z.object({
  type: z.enum(["GIT", "SEMVER", "ECOSYSTEM"]),
  repo: z.string().optional(),
  events: z.array(event).min(1),
});

const severity = z.object({ type: z.string(), score: z.string() });

const affected = z.object({
  package: z.object({ ecosystem: z.string().min(1), name: z.string().min(1), purl: z.string().optional() }).optional(),
  severity: z.array(severity).optional(),
  ranges: z.array(range).optional(),
  versions: z.array(z.string()).optional(),
  ecosystem_specific: z.record(z.string(), z.unknown()).nullish(),
  database_specific: z.record(z.string(), z.unknown()).nullish(),
});

/** The parts of an OSV record (schema 1.x) that matching and reporting use; unknown fields are dropped. */
export const osvRecordSchema = z.object({
  id: z.string().min(1),
  modified: z.string().min(1),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).nullish(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).nullish(),
  affected: z.array(affected).nullish(),
  references: z.array(z.object({ type: z.string(), url: z.string() })).nullish(),
  database_specific: z.record(z.string(), z.unknown()).nullish(),
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvAffected = z.infer<typeof affected>;
export type OsvRange = z.infer<typeof range>;
export type OsvEvent = z.infer<typeof event>;
export type OsvSeverity = z.infer<typeof severity>;

/** Validates one OSV record; a MALFORMED_ADVISORY error names the id (when readable), the file and the field. */
export function parseOsvRecord(value: unknown, file: string): OsvRecord {
  const result = osvRecordSchema.safeParse(value);
  if (result.success) return result.data;
  const id =
    typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "string"
      ? (value as { id: string }).id
      : "(no id)";
  const issue = result.error.issues[0];
  const where = issue ? issue.path.join(".") || "(record)" : "(record)";
  throw new AdvisoryError(
    "MALFORMED_ADVISORY",
    `advisory ${id} is malformed at ${where}: ${issue?.message ?? "invalid"}`,
    {
      location: { file },
      hint: "update the advisory database, or set advisories.malformed-records: skip in the policy to skip such records",
    },
  );
}
