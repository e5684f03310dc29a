import { readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { AdvisoryIndex, type OsvRecord, parseOsvRecord } from "@tollgate/advisories";
import { strToU8, zipSync } from "fflate";

/** A fault the server injects into the next request whose path matches `path`. */
export type Fault =
  | { path: RegExp; kind: "status"; status: number }
  | { path: RegExp; kind: "timeout" }
  | { path: RegExp; kind: "truncate" }
  | { path: RegExp; kind: "malformed" };

/** One request the server received. */
export interface ServedRequest {
  method: string;
  path: string;
  status: number | "fault";
}

export interface OsvServer {
  url: string;
  requests: ServedRequest[];
  /** Faults still waiting to be injected, in order. */
  faults: Fault[];
  close(): Promise<void>;
}

/** Reads every OSV JSON file under `dir` (the fixture corpus). */
export function readRecords(dir: string): Array<{ text: string; record: OsvRecord }> {
  const out: Array<{ text: string; record: OsvRecord }> = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...readRecords(path));
    else if (name.endsWith(".json")) {
      const text = readFileSync(path, "utf8");
      out.push({ text, record: parseOsvRecord(JSON.parse(text), path) });
    }
  }
  return out;
}

/** Builds OSV's per-ecosystem `all.zip` archives (`<id>.json` entries) from records. */
export function buildZips(records: Array<{ text: string; record: OsvRecord }>): Map<string, Uint8Array> {
  const byEcosystem = new Map<string, Record<string, Uint8Array>>();
  for (const { text, record } of records) {
    for (const ecosystem of new Set(
      (record.affected ?? []).map((a) => a.package?.ecosystem).filter(Boolean) as string[],
    )) {
      const entries = byEcosystem.get(ecosystem) ?? {};
      entries[`${record.id}.json`] = strToU8(text);
      byEcosystem.set(ecosystem, entries);
    }
  }
  return new Map(
    [...byEcosystem].map(([e, entries]) => [e, zipSync(entries, { mtime: new Date("2026-01-01T00:00:00Z") })]),
  );
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A loopback server that behaves like the OSV API (POST /v1/querybatch, GET /v1/vulns/{id})
 * and OSV's export bucket (GET /{ecosystem}/all.zip), matching with the OSV schema's rules,
 * with faults (429, 500, hangs, truncated bodies, malformed JSON) injected on request.
 */
export async function startOsvServer(
  records: Array<{ text: string; record: OsvRecord }>,
  faults: Fault[] = [],
  options: { pageSize: number } = { pageSize: 1000 },
): Promise<OsvServer> {
  const index = new AdvisoryIndex();
  const texts = new Map<string, string>();
  for (const { text, record } of records) {
    index.add(record, record.id);
    texts.set(record.id, text);
  }
  const zips = buildZips(records);
  const requests: ServedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { faults: [...faults] };

  const send = (res: ServerResponse, status: number, text: string | Uint8Array, type = "application/json") => {
    res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
    res.end(text);
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const method = req.method ?? "GET";
    const payload = await body(req);
    const faultIndex = state.faults.findIndex((f) => f.path.test(path));
    if (faultIndex !== -1) {
      const fault = state.faults.splice(faultIndex, 1)[0] as Fault;
      requests.push({ method, path, status: "fault" });
      if (fault.kind === "status")
        return send(res, fault.status, JSON.stringify({ code: fault.status, message: "injected" }));
      if (fault.kind === "timeout") return void hanging.add(res);
      if (fault.kind === "malformed") return send(res, 200, '{"results": [ {"vulns": [');
      res.writeHead(200, { "content-type": "application/json", "content-length": 10_000 });
      res.write('{"results": [');
      return void res.destroy();
    }
    if (method === "POST" && path === "/v1/querybatch") {
      const queries = (
        JSON.parse(payload) as {
          queries: Array<{ package: { ecosystem: string; name: string }; version: string; page_token?: string }>;
        }
      ).queries;
      if (queries.length > 1000) return send(res, 400, JSON.stringify({ code: 3, message: "Too many queries." }));
      const results = queries.map((q) => {
        const matches = index.match({ ecosystem: q.package.ecosystem, name: q.package.name, version: q.version });
        if (matches.length === 0) return {};
        // Like OSV, a long answer comes in pages; the token is the offset of the next page.
        const start = Number(q.page_token ?? "0");
        const page = matches.slice(start, start + options.pageSize);
        const vulns = page.map((m) => ({ id: m.advisory.id, modified: m.advisory.modified }));
        const next = start + options.pageSize;
        return next < matches.length ? { vulns, next_page_token: String(next) } : { vulns };
      });
      requests.push({ method, path, status: 200 });
      return send(res, 200, JSON.stringify({ results }));
    }
    const vuln = /^\/v1\/vulns\/([^/]+)$/.exec(path);
    if (method === "GET" && vuln) {
      const text = texts.get(decodeURIComponent(vuln[1] as string));
      requests.push({ method, path, status: text ? 200 : 404 });
      return text ? send(res, 200, text) : send(res, 404, JSON.stringify({ code: 5, message: "Bug not found." }));
    }
    const zip = /^\/([^/]+)\/all\.zip$/.exec(path);
    if (method === "GET" && zip) {
      const bytes = zips.get(decodeURIComponent(zip[1] as string));
      requests.push({ method, path, status: bytes ? 200 : 404 });
      return bytes ? send(res, 200, bytes, "application/zip") : send(res, 404, "not found", "text/plain");
    }
    requests.push({ method, path, status: 404 });
    send(res, 404, JSON.stringify({ code: 5, message: "Not found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get faults() {
      return state.faults;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
