import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { HttpClient } from "@tollgate/net";
import { PolicyError } from "../errors.js";

/** A registry answer worth keeping: the status (200 or 404) and the JSON body. */
export interface CachedAnswer {
  url: string;
  status: number;
  fetchedAt: number;
  body: unknown;
}

/** Options of the caching JSON fetcher. */
export interface CachedFetchOptions {
  http: HttpClient;
  /** Directory for cached answers; none means no cache. */
  cacheDir?: string;
  /** How long an answer stays fresh, in ms (default 24 h). */
  maxAgeMs?: number;
  now?: () => number;
}

/** GETs JSON through the HttpClient with an on-disk cache; 404 is an answer (undefined), anything else failing is a POLICY_METADATA error. */
export async function cachedJson(url: string, options: CachedFetchOptions): Promise<unknown> {
  const now = options.now ?? Date.now;
  const file = options.cacheDir
    ? join(options.cacheDir, `${createHash("sha256").update(url).digest("hex")}.json`)
    : undefined;
  if (file) {
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text !== undefined) {
      const cached = JSON.parse(text) as CachedAnswer;
      if (cached.url === url && now() - cached.fetchedAt < (options.maxAgeMs ?? 86_400_000)) {
        return cached.status === 404 ? undefined : cached.body;
      }
    }
  }
  let status: number;
  let body: unknown;
  try {
    const response = await options.http.request({ url, headers: { accept: "application/json" }, acceptStatus: [404] });
    status = response.status;
    body = status === 404 ? null : response.json();
  } catch (cause) {
    const host = new URL(url).host;
    throw new PolicyError("POLICY_METADATA", `cannot read package metadata from ${host}: ${(cause as Error).message}`, {
      hint: "check the network and the registry URL, or run with --offline (unknown licenses then fail as the policy says)",
      cause,
    });
  }
  if (file && options.cacheDir) {
    await mkdir(options.cacheDir, { recursive: true });
    const answer: CachedAnswer = { url, status, fetchedAt: now(), body };
    await writeFile(`${file}.tmp`, JSON.stringify(answer));
    await rename(`${file}.tmp`, file);
  }
  return status === 404 ? undefined : body;
}
