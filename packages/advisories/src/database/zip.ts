import { strFromU8, unzipSync } from "fflate";
import { AdvisoryError } from "../errors.js";

function unreadable(file: string, cause: unknown): AdvisoryError {
  return new AdvisoryError("DATABASE_UNREADABLE", `${file} is not a readable zip archive`, {
    location: { file },
    cause,
    hint: "download the database again with `tollgate db update`",
  });
}

/**
 * The `.json` entries of an OSV `all.zip`, by entry name in name order, decompressed
 * `batch` at a time so a large archive never sits in memory whole; an unreadable
 * archive is DATABASE_UNREADABLE.
 */
export function* zipEntries(bytes: Uint8Array, file: string, batch = 500): Generator<[string, string]> {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith(".json")) names.push(f.name);
        return false;
      },
    });
  } catch (cause) {
    throw unreadable(file, cause);
  }
  names.sort();
  for (let start = 0; start < names.length; start += batch) {
    const wanted = new Set(names.slice(start, start + batch));
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
    } catch (cause) {
      throw unreadable(file, cause);
    }
    for (const name of [...wanted]) yield [name, strFromU8(entries[name] as Uint8Array)];
  }
}

/** All `.json` entries of an archive at once (small archives; see zipEntries). */
export function readZipEntries(bytes: Uint8Array, file: string): Array<[string, string]> {
  return [...zipEntries(bytes, file)];
}
