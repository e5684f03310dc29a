import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { AdvisoryError } from "../errors.js";
import { AdvisoryIndex } from "../match/advisory-index.js";
import { type DatabaseMetadata, databaseMetadataSchema, METADATA_FILE } from "./metadata.js";
import { addRecordText } from "./read-records.js";
import { zipEntries } from "./zip.js";

export interface LoadDatabaseOptions {
  /** Oldest acceptable database, in ms (default 7 days); older is DATABASE_STALE. */
  maxAgeMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}

/** An offline database read into an index. */
export interface LoadedDatabase {
  index: AdvisoryIndex;
  /** When the data was fetched: the metadata's updatedAt, else the newest file's modification time. */
  updatedAt: Date;
  metadata?: DatabaseMetadata;
  /** Files read (JSON records and zip archives), relative to the directory, sorted. */
  files: string[];
}

export const DEFAULT_MAX_AGE_MS = 7 * 86_400_000;

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile() && (entry.name.endsWith(".json") || entry.name.endsWith(".zip"))) out.push(path);
  }
  return out;
}

/**
 * Reads a directory of OSV JSON files and/or OSV `all.zip` archives into an index.
 * A missing or empty directory, or one older than `maxAgeMs`, fails closed.
 */
export async function loadDatabase(dir: string, options: LoadDatabaseOptions = {}): Promise<LoadedDatabase> {
  const howToUpdate = `run \`tollgate db update --dir ${dir}\` where the network is available`;
  const paths = await walk(dir).catch((cause: unknown) => {
    throw new AdvisoryError("DATABASE_MISSING", `the advisory database ${dir} cannot be read`, {
      location: { file: dir },
      cause,
      hint: howToUpdate,
    });
  });
  const index = new AdvisoryIndex();
  let metadata: DatabaseMetadata | undefined;
  let newest = 0;
  const files: string[] = [];
  for (const path of paths.sort()) {
    const shown = relative(dir, path).split(sep).join("/");
    if (shown === METADATA_FILE) {
      const parsed = databaseMetadataSchema.safeParse(JSON.parse(await readFile(path, "utf8")));
      if (!parsed.success) {
        throw new AdvisoryError("DATABASE_UNREADABLE", `${METADATA_FILE} is not valid`, {
          location: { file: path },
          hint: howToUpdate,
        });
      }
      metadata = parsed.data;
      continue;
    }
    newest = Math.max(newest, (await stat(path)).mtimeMs);
    files.push(shown);
    if (path.endsWith(".zip")) {
      for await (const [name, text] of zipEntries(path, shown)) addRecordText(index, text, `${shown}!${name}`);
    } else {
      addRecordText(index, await readFile(path, "utf8"), shown);
    }
  }
  if (files.length === 0) {
    throw new AdvisoryError("DATABASE_MISSING", `the advisory database ${dir} holds no OSV records`, {
      location: { file: dir },
      hint: howToUpdate,
    });
  }
  const updatedAt = metadata ? new Date(metadata.updatedAt) : new Date(newest);
  const now = (options.now ?? (() => new Date()))();
  const maxAge = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  const ageMs = now.getTime() - updatedAt.getTime();
  if (ageMs > maxAge) {
    const days = (ageMs / 86_400_000).toFixed(1);
    throw new AdvisoryError(
      "DATABASE_STALE",
      `the advisory database ${dir} is ${days} days old (updated ${updatedAt.toISOString()}), older than the ${(maxAge / 86_400_000).toFixed(1)} days allowed`,
      { location: { file: dir }, hint: `${howToUpdate}, or raise advisories.max-database-age in the policy` },
    );
  }
  return metadata ? { index, updatedAt, metadata, files } : { index, updatedAt, files };
}
