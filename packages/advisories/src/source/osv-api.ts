import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { HttpClient } from "@tollgate/net";
import { isHttpError } from "@tollgate/net";
import { z } from "zod";
import { AdvisoryError } from "../errors.js";
import { type OsvRecord, parseOsvRecord } from "../osv/schema.js";

/** The public OSV API. */
export const DEFAULT_OSV_URL = "https://api.osv.dev";
/** The most queries OSV accepts in one querybatch request. */
export const QUERYBATCH_LIMIT = 1000;

export interface OsvApiOptions {
  http: HttpClient;
  baseUrl?: string;
  /** Directory of cached `GET /v1/vulns/{id}` responses, keyed by id and modified; none when unset. */
  cacheDir?: string;
  /** Queries per querybatch request (at most QUERYBATCH_LIMIT). */
  batchSize?: number;
  /** Detail requests in flight at once (default 8). */
  concurrency?: number;
  /** Overall deadline for every request of one audit, in ms (default 10 minutes). */
  deadlineMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface OsvQuery {
  ecosystem: string;
  name: string;
  version: string;
}

const batchResponse = z.object({
  results: z.array(
    z.object({
      vulns: z.array(z.object({ id: z.string(), modified: z.string() })).optional(),
      next_page_token: z.string().optional(),
    }),
  ),
});

const OFFLINE_HINT =
  "the audit never passes without looking; run `tollgate db update --dir DIR` where the network is available and audit with `--offline --db DIR`";

/** A failed request (unreachable after retries) or an unreadable answer, as the audit reports it. */
function failure(what: string, error: { code: string; message: string }): AdvisoryError {
  const code = error.code === "BAD_RESPONSE" ? "SOURCE_BAD_RESPONSE" : "SOURCE_UNREACHABLE";
  return new AdvisoryError(code, `the OSV API could not be used (${what}): ${error.message}`, {
    cause: error,
    hint: OFFLINE_HINT,
  });
}

/** Runs `task` over `items` with at most `limit` in flight, keeping results in order. */
async function mapBounded<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The OSV API as an advisory source: querybatch for ids, then each advisory's full record. */
export class OsvApiSource {
  private readonly base: string;
  private readonly batchSize: number;
  /** Requests made, by kind (benchmarks and tests count them). */
  readonly requests = { querybatch: 0, vulns: 0, cached: 0 };
  private readonly now: () => number;
  private readonly deadlineAt: number;

  constructor(private readonly options: OsvApiOptions) {
    this.base = (options.baseUrl ?? DEFAULT_OSV_URL).replace(/\/+$/, "");
    this.batchSize = Math.min(options.batchSize ?? QUERYBATCH_LIMIT, QUERYBATCH_LIMIT);
    this.now = options.now ?? Date.now;
    this.deadlineAt = this.now() + (options.deadlineMs ?? 600_000);
  }

  /** The ids (with modified) of advisories affecting each query, in query order. */
  async queryIds(queries: OsvQuery[]): Promise<Array<Array<{ id: string; modified: string }>>> {
    const out: Array<Array<{ id: string; modified: string }>> = queries.map(() => []);
    let pending = queries.map((q, i) => ({ i, q, token: undefined as string | undefined }));
    while (pending.length > 0) {
      const again: typeof pending = [];
      for (let start = 0; start < pending.length; start += this.batchSize) {
        const batch = pending.slice(start, start + this.batchSize);
        const body = JSON.stringify({
          queries: batch.map(({ q, token }) => ({
            package: { ecosystem: q.ecosystem, name: q.name },
            version: q.version,
            ...(token ? { page_token: token } : {}),
          })),
        });
        const parsed = await this.post(body);
        if (parsed.results.length !== batch.length) {
          throw new AdvisoryError(
            "SOURCE_BAD_RESPONSE",
            `the OSV API answered ${parsed.results.length} results for ${batch.length} queries`,
            { hint: OFFLINE_HINT },
          );
        }
        parsed.results.forEach((result, k) => {
          const item = batch[k] as (typeof batch)[number];
          out[item.i]?.push(...(result.vulns ?? []));
          if (result.next_page_token) again.push({ ...item, token: result.next_page_token });
        });
      }
      pending = again;
    }
    return out;
  }

  /** Fails closed once the audit's overall deadline has passed. */
  private checkDeadline(): void {
    if (this.now() <= this.deadlineAt) return;
    throw new AdvisoryError(
      "SOURCE_UNREACHABLE",
      "the OSV API did not answer every request before the audit's deadline",
      {
        hint: OFFLINE_HINT,
      },
    );
  }

  private async post(body: string): Promise<z.infer<typeof batchResponse>> {
    this.checkDeadline();
    this.requests.querybatch++;
    let json: unknown;
    try {
      const response = await this.options.http.request({
        method: "POST",
        url: `${this.base}/v1/querybatch`,
        headers: { "content-type": "application/json" },
        body,
        idempotent: true,
      });
      json = response.json();
    } catch (error) {
      if (isHttpError(error)) throw failure("POST /v1/querybatch", error);
      throw error;
    }
    const parsed = batchResponse.safeParse(json);
    if (!parsed.success) {
      throw new AdvisoryError(
        "SOURCE_BAD_RESPONSE",
        "the OSV API's querybatch answer does not have the documented shape",
        { hint: OFFLINE_HINT },
      );
    }
    return parsed.data;
  }

  /** Fetches the full records of the given advisories (deduplicated), from the cache when id and modified match. */
  async fetchRecords(refs: Array<{ id: string; modified: string }>): Promise<OsvRecord[]> {
    const distinct = [...new Map(refs.map((r) => [r.id, r])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    return mapBounded(distinct, this.options.concurrency ?? 8, (ref) => this.fetchRecord(ref));
  }

  private cachePath(ref: { id: string; modified: string }): string | undefined {
    if (!this.options.cacheDir) return undefined;
    const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
    return join(this.options.cacheDir, `${safe(ref.id)}@${safe(ref.modified)}.json`);
  }

  private async fetchRecord(ref: { id: string; modified: string }): Promise<OsvRecord> {
    this.checkDeadline();
    const path = this.cachePath(ref);
    if (path) {
      const cached = await readFile(path, "utf8").catch(() => undefined);
      if (cached !== undefined) {
        this.requests.cached++;
        return parseOsvRecord(JSON.parse(cached), path);
      }
    }
    this.requests.vulns++;
    const url = `${this.base}/v1/vulns/${encodeURIComponent(ref.id)}`;
    let text: string;
    let json: unknown;
    try {
      const response = await this.options.http.request({ url });
      json = response.json();
      text = response.text();
    } catch (error) {
      if (isHttpError(error)) throw failure(`GET /v1/vulns/${ref.id}`, error);
      throw error;
    }
    const record = parseOsvRecord(json, url);
    if (path && this.options.cacheDir) {
      await mkdir(this.options.cacheDir, { recursive: true });
      await writeFile(`${path}.partial`, text);
      await rename(`${path}.partial`, path);
    }
    return record;
  }
}
