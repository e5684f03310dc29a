/**
 * A loopback Rekor v1 + TSA for the witness tests: @sigstore/mock's log and timestamp authority (through the
 * stack's Rekor handler, which stores what real Rekor stores) behind node:http on 127.0.0.1, with scripted
 * answers served first, and a chosen behaviour for a repeated entry: Rekor's own 409 Conflict with the
 * entry's location (then GET /api/v1/log/entries/<uuid>), or a replay of the first answer, so two clients
 * posting the same content get comparable answers.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import { initializeTLog, initializeTSA, tsaHandler } from "@sigstore/mock";
import { createHttpClient, type HttpClient } from "@tollgate/net";
import { REKOR_V1_PATH, rekorV1Handler } from "../../../../test/servers/sigstore-rekor.js";

export const ENTRIES_PATH = REKOR_V1_PATH;
export const TIMESTAMP_PATH = "/api/v1/timestamp";

export interface Answer {
  status: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface WitnessServer {
  url: string;
  /** Every request as `METHOD path`, in order. */
  seen: string[];
  /** Bodies POSTed to the log, in order. */
  posted: string[];
  /** Serves these answers, in order, to the next requests to `path` before the mock sees them. */
  script(path: string, ...answers: Answer[]): void;
  close(): Promise<void>;
}

type Result = { statusCode: number; response: string | ArrayBufferView; contentType?: string };

/** Starts the server; `repeats` says how a POST of an entry already logged is answered. */
export async function startWitnessServer(options: { repeats: "conflict" | "replay" }): Promise<WitnessServer> {
  const keys = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const seen: string[] = [];
  const posted: string[] = [];
  const scripts = new Map<string, Answer[]>();
  const logged = new Map<string, { uuid: string; answer: string }>();
  const byUuid = new Map<string, string>();
  const timestamps = new Map<string, Result>();
  let rekor: ReturnType<typeof rekorV1Handler> | undefined;
  let tsa: { fn: (body: string) => Promise<Result> } | undefined;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push(`${req.method} ${path}`);
      const scripted = scripts.get(path)?.shift();
      if (scripted) {
        res.writeHead(scripted.status, { "content-type": "application/json", ...scripted.headers }).end(scripted.body);
        return;
      }
      const send = (r: Result) => {
        const out =
          typeof r.response === "string"
            ? r.response
            : Buffer.from(r.response.buffer, r.response.byteOffset, r.response.byteLength);
        res.writeHead(r.statusCode, { "content-type": r.contentType ?? "application/octet-stream" }).end(out);
      };
      if (req.method === "POST" && path === ENTRIES_PATH && rekor) {
        posted.push(body);
        const before = logged.get(body);
        if (before && options.repeats === "conflict") {
          res.writeHead(409, { "content-type": "application/json", location: `${ENTRIES_PATH}/${before.uuid}` });
          return void res.end('{"code":409,"message":"an equivalent entry already exists in the transparency log"}');
        }
        if (before) return send({ statusCode: 201, response: before.answer, contentType: "application/json" });
        const created = await rekor.fn(body);
        const answer = String(created.response);
        const uuid = Object.keys(JSON.parse(answer) as object)[0] ?? "";
        logged.set(body, { uuid, answer });
        byUuid.set(uuid, answer);
        return send(created);
      }
      if (req.method === "GET" && path.startsWith(`${ENTRIES_PATH}/`)) {
        const answer = byUuid.get(path.slice(ENTRIES_PATH.length + 1));
        if (answer) return send({ statusCode: 200, response: answer, contentType: "application/json" });
      }
      if (req.method === "POST" && path === TIMESTAMP_PATH && tsa) {
        const result = timestamps.get(body) ?? (await tsa.fn(body));
        timestamps.set(body, result);
        return send(result);
      }
      res.writeHead(404).end("not found");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  rekor = rekorV1Handler(await initializeTLog(url, keys()));
  tsa = tsaHandler(await initializeTSA(keys())) as unknown as typeof tsa;
  return {
    url,
    seen,
    posted,
    script: (path, ...answers) => scripts.set(path, [...(scripts.get(path) ?? []), ...answers]),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A dispatcher-transport client that may reach loopback only; its backoff sleeps are recorded in `waits`, not waited. */
export function loopbackClient(): { http: HttpClient; waits: number[] } {
  const waits: number[] = [];
  const http = createHttpClient({
    allowOnly: ["127.0.0.1"],
    transport: "dispatcher",
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
  });
  return { http, waits };
}
