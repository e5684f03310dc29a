import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { HttpClient } from "@tollgate/net";
import { isHttpError } from "@tollgate/net";
import { AdvisoryError } from "../errors.js";
import { type DatabaseMetadata, METADATA_FILE } from "./metadata.js";
import { countZipEntries } from "./zip.js";

/** Where OSV publishes one `all.zip` per ecosystem. */
export const DEFAULT_DATABASE_URL = "https://osv-vulnerabilities.storage.googleapis.com";

export interface UpdateDatabaseOptions {
  /** The one HTTP client (allow-listed, bounded, retrying). */
  http: HttpClient;
  /** Directory to write `<ecosystem>/all.zip` and the metadata file to. */
  dir: string;
  /** OSV ecosystem names, e.g. `["npm", "PyPI"]`. */
  ecosystems: string[];
  /** Base URL of the exports; `<base>/<ecosystem>/all.zip` is fetched. */
  baseUrl?: string;
  /** Largest archive accepted, in bytes (default 1 GiB). */
  maxBytes?: number;
  now?: () => Date;
}

/**
 * Downloads OSV's per-ecosystem `all.zip` archives into `dir`, checks each is a readable
 * zip of OSV records before replacing the old one, and records when it was done.
 */
export async function updateDatabase(options: UpdateDatabaseOptions): Promise<DatabaseMetadata> {
  const base = (options.baseUrl ?? DEFAULT_DATABASE_URL).replace(/\/+$/, "");
  const metadata: DatabaseMetadata = {
    updatedAt: (options.now ?? (() => new Date()))().toISOString(),
    baseUrl: base,
    ecosystems: [],
  };
  for (const ecosystem of [...new Set(options.ecosystems)].sort()) {
    const url = `${base}/${encodeURIComponent(ecosystem)}/all.zip`;
    let body: Uint8Array;
    try {
      body = (await options.http.request({ url, maxBytes: options.maxBytes ?? 1024 ** 3 })).body;
    } catch (error) {
      if (!isHttpError(error)) throw error;
      throw new AdvisoryError(
        "SOURCE_UNREACHABLE",
        `cannot download the ${ecosystem} advisories from ${url}: ${error.message}`,
        {
          cause: error,
          hint: "check the network and --base-url, then run `tollgate db update` again; the previous database is left as it was",
        },
      );
    }
    const file = `${ecosystem}/all.zip`;
    const records = await countZipEntries(body, url);
    const target = join(options.dir, ecosystem);
    await mkdir(target, { recursive: true });
    await writeFile(join(target, "all.zip.partial"), body);
    await rename(join(target, "all.zip.partial"), join(target, "all.zip"));
    metadata.ecosystems.push({ ecosystem, file, bytes: body.byteLength, records });
  }
  await mkdir(options.dir, { recursive: true });
  await writeFile(join(options.dir, METADATA_FILE), `${JSON.stringify(metadata, null, 2)}\n`);
  return metadata;
}
