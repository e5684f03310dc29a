import type { Socket } from "node:net";
import { Agent, EnvHttpProxyAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordedSleep, rejection, server } from "./__tests__/harness.js";
import { type Loopback, type SelfSigned, selfSignedCertificate, startHttps } from "./__tests__/loopback.js";
import { tlsDispatcher } from "./client.js";
import { createHttpClient, type HttpClientOptions } from "./index.js";

/** The same client on each transport: the dispatcher transport must behave exactly as fetch does. */
const transports = ["fetch", "dispatcher"] as const;
const clientOn = (transport: (typeof transports)[number], options: HttpClientOptions = {}) =>
  createHttpClient({ allowOnly: ["127.0.0.1", "localhost"], transport, ...options });
const describeFailure = (error: { code: string; message: string; status?: number; attempts: number }) => ({
  code: error.code,
  message: error.message.replace(/:\d+\//, ":PORT/"),
  status: error.status,
  attempts: error.attempts,
});

describe("the dispatcher transport", () => {
  it("sends a POST body and headers, and reads status, headers and a JSON body", async () => {
    const s = await server((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const seen = { method: req.method, type: req.headers["content-type"], body: Buffer.concat(chunks).toString() };
        res.writeHead(201, { "content-type": "application/json", "x-entry": "abc" }).end(JSON.stringify(seen));
      });
    });
    const response = await clientOn("dispatcher").request({
      method: "POST",
      url: `${s.origin}/api/v1/log/entries`,
      headers: { "content-type": "application/json" },
      body: '{"kind":"hashedrekord"}',
    });
    expect([response.status, response.headers.get("x-entry"), response.url]).toEqual([
      201,
      "abc",
      `${s.origin}/api/v1/log/entries`,
    ]);
    expect(response.json()).toEqual({ method: "POST", type: "application/json", body: '{"kind":"hashedrekord"}' });
  });

  it("keeps repeated response header fields, as fetch does", async () => {
    const s = await server((_req, res) => res.writeHead(200, { "x-many": ["a", "b"] }).end("ok"));
    const values = await Promise.all(
      transports.map(async (t) => (await clientOn(t).request({ url: `${s.origin}/h` })).headers.get("x-many")),
    );
    expect(values).toEqual(["a, b", "a, b"]);
  });

  it("reads Retry-After of a 429 (headers built on first use) and waits its seconds, as fetch does", async () => {
    const waited = await Promise.all(
      transports.map(async (t) => {
        let calls = 0;
        const s = await server((_req, res) => {
          if (calls++ === 0) return void res.writeHead(429, { "retry-after": "3" }).end();
          res.end("done");
        });
        const { sleep, waits } = recordedSleep();
        const response = await clientOn(t, { sleep }).request({ url: `${s.origin}/v1/query` });
        return [response.text(), waits];
      }),
    );
    expect(waited).toEqual([
      ["done", [3000]],
      ["done", [3000]],
    ]);
  });

  it("reuses keep-alive connections: at most 2 for 20 sequential requests", async () => {
    const connections = new Set<Socket>();
    const s = await server((req, res) => {
      connections.add(req.socket);
      res.end("ok");
    });
    const client = clientOn("dispatcher");
    for (let i = 0; i < 20; i++) await client.request({ url: `${s.origin}/n${i}` });
    expect(s.seen).toHaveLength(20);
    expect(connections.size).toBeLessThanOrEqual(2);
  });

  it("retries 503 and 429 with the same waits, log lines and egress record as fetch", async () => {
    const runs = await Promise.all(
      transports.map(async (transport) => {
        let calls = 0;
        const s = await server((_req, res) => {
          calls++;
          if (calls === 1) return void res.writeHead(503).end();
          if (calls === 2) return void res.writeHead(429, { "retry-after": "1" }).end();
          res.end("done");
        });
        const { sleep, waits } = recordedSleep();
        const lines: string[] = [];
        const client = clientOn(transport, { sleep, random: () => 0.5, log: (l) => lines.push(l) });
        const response = await client.request({ method: "POST", url: `${s.origin}/e`, body: "x", idempotent: true });
        const egress = client.egress.map((r) => [r.method, r.path, r.status, r.attempts]);
        return { text: response.text(), waits, lines: lines.map((l) => l.replace(/ \d+ms$/, "")), egress };
      }),
    );
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[1]?.waits).toEqual([250, 1000]);
    expect(runs[1]?.lines).toEqual([
      "POST 127.0.0.1/e 503 attempt 1/4",
      "POST 127.0.0.1/e 429 attempt 2/4",
      "POST 127.0.0.1/e 200 attempt 3/4",
    ]);
  });

  it("fails a request whose status is not accepted with the same HttpStatusError as fetch", async () => {
    const s = await server((_req, res) =>
      res.writeHead(400, { "content-type": "application/json" }).end('{"message":"bad entry"}'),
    );
    const errors = await Promise.all(
      transports.map(async (t) => describeFailure(await rejection(clientOn(t).request({ url: `${s.origin}/x` })))),
    );
    expect(errors[1]).toEqual(errors[0]);
    expect(errors[1]?.code).toBe("HTTP_STATUS");
  });

  it("follows a redirect within the allow-list, refuses one outside it, and drops credentials across origins", async () => {
    const target = await server((req, res) => res.end(req.headers.authorization ?? "none"));
    const start = await server((req, res) => {
      if (req.url === "/away") return void res.writeHead(302, { location: "https://tracker.example.com/" }).end();
      res.writeHead(307, { location: `http://localhost:${target.port}/file` }).end();
    });
    const client = clientOn("dispatcher");
    const response = await client.request({ url: `${start.origin}/file`, headers: { Authorization: "Bearer abc" } });
    expect([response.text(), response.url]).toEqual(["none", `http://localhost:${target.port}/file`]);
    const error = await rejection(client.request({ url: `${start.origin}/away` }));
    expect(error.message).toBe("GET tracker.example.com/ refused: host tracker.example.com is not on the allow-list");
  });

  it("refuses a declared and a streamed body over the limit, as fetch does", async () => {
    const s = await server((req, res) => {
      if (req.url === "/declared") return void res.writeHead(200, { "content-length": "4096" }).end(Buffer.alloc(4096));
      res.write(Buffer.alloc(3000));
      res.end(Buffer.alloc(3000));
    });
    for (const path of ["/declared", "/streamed"]) {
      const errors = await Promise.all(
        transports.map(async (t) =>
          describeFailure(await rejection(clientOn(t).request({ url: `${s.origin}${path}`, maxBytes: 1024 }))),
        ),
      );
      // How far a streamed body got before the limit depends on how the chunks arrived; the rest is the same.
      const withoutCount = errors.map((e) => ({ ...e, message: e.message.replace(/stopped at \d+/, "stopped at N") }));
      expect(withoutCount[1]).toEqual(withoutCount[0]);
      expect(withoutCount[1]).toMatchObject({
        code: "RESPONSE_TOO_LARGE",
        status: 200,
        message: `GET 127.0.0.1${path} returned a body larger than the 1024-byte limit (stopped at N bytes)`,
      });
    }
  });

  it("times out a server that stalls in the middle of the body", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write("x".repeat(500));
    });
    const error = await rejection(
      clientOn("dispatcher").request({ url: `${s.origin}/stall`, timeoutMs: 300, attempts: 1 }),
    );
    expect(error.message).toBe("GET 127.0.0.1/stall timed out after 300 ms (1 attempt)");
  });

  it("reports a refused connection after its retries, naming the system error", async () => {
    const client = clientOn("dispatcher", { sleep: recordedSleep().sleep });
    const error = await rejection(client.request({ url: "http://127.0.0.1:9/x", attempts: 2 }));
    expect([error.code, error.attempts]).toEqual(["CONNECTION_FAILED", 2]);
    expect(error.message).toBe("GET 127.0.0.1/x failed: connection error ECONNREFUSED after 2 attempts");
  });
});

describe("the dispatcher transport over TLS", () => {
  let tls: SelfSigned;
  let site: Loopback;
  beforeAll(async () => {
    tls = selfSignedCertificate();
    site = await startHttps(tls, (_req, res) => res.end("hello over tls"));
  });
  afterAll(async () => site.close());

  it("refuses a self-signed certificate as TLS_FAILED, without retrying", async () => {
    const { sleep, waits } = recordedSleep();
    const error = await rejection(clientOn("dispatcher", { sleep }).request({ url: `${site.origin}/` }));
    expect(error.message).toBe(
      "GET localhost/ failed: TLS certificate validation failed (DEPTH_ZERO_SELF_SIGNED_CERT)",
    );
    expect([error.code, error.attempts, waits, site.seen.length]).toEqual(["TLS_FAILED", 1, [], 0]);
  });
});

describe("an injected fetch", () => {
  it("wins over the dispatcher transport (tests keep their fake)", async () => {
    const fake = vi.fn(async () => new Response("from the fake")) as unknown as typeof fetch;
    const client = createHttpClient({ allowOnly: ["mirror.example.org"], transport: "dispatcher", fetch: fake });
    const response = await client.request({ url: "https://mirror.example.org/x" });
    expect(response.text()).toBe("from the fake");
  });
});

describe("tlsDispatcher", () => {
  it("is a plain Agent when no proxy variable is set (NO_PROXY alone routes nothing through a proxy)", () => {
    for (const env of [{}, { NO_PROXY: "localhost" }, { HTTPS_PROXY: "" }]) {
      const dispatcher = tlsDispatcher(env);
      expect([dispatcher instanceof Agent, dispatcher instanceof EnvHttpProxyAgent]).toEqual([true, false]);
    }
  });

  it("reads the proxy from the environment when any of the four proxy variables is set", () => {
    const names = ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"];
    const kinds = names.map((name) => tlsDispatcher({ [name]: "http://127.0.0.1:9" }) instanceof EnvHttpProxyAgent);
    expect(kinds).toEqual([true, true, true, true]);
  });
});
