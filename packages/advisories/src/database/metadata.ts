import { z } from "zod";

/** The file `tollgate db update` writes beside the archives, recording when and from where. */
export const METADATA_FILE = "tollgate-db.json";

export const databaseMetadataSchema = z.object({
  /** ISO time the archives were downloaded. */
  updatedAt: z.iso.datetime(),
  baseUrl: z.string(),
  ecosystems: z.array(z.object({ ecosystem: z.string(), file: z.string(), bytes: z.number(), records: z.number() })),
});

export type DatabaseMetadata = z.infer<typeof databaseMetadataSchema>;

/** Parses a duration such as `7d`, `36h`, `90m` into milliseconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)\s*([dhm])$/.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2] === "d" ? 86_400_000 : m[2] === "h" ? 3_600_000 : 60_000;
  return Number(m[1]) * unit;
}
