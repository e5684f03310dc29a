import { strFromU8, unzipSync } from "fflate";
import { AdvisoryError } from "../errors.js";

/** The `.json` entries of an OSV `all.zip`, by entry name, sorted; an unreadable archive is DATABASE_UNREADABLE. */
export function readZipEntries(bytes: Uint8Array, file: string): Array<[string, string]> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.endsWith(".json") });
  } catch (cause) {
    throw new AdvisoryError("DATABASE_UNREADABLE", `${file} is not a readable zip archive`, {
      location: { file },
      cause,
      hint: "download the database again with `tollgate db update`",
    });
  }
  return Object.keys(entries)
    .sort()
    .map((name) => [name, strFromU8(entries[name] as Uint8Array)]);
}
