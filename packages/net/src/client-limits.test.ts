import { afterEach, describe, expect, it, vi } from "vitest";
import { rejection, server } from "./__tests__/harness.js";
import { createHttpClient, HttpTimeoutError } from "./index.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("timeouts", () => {
  it("ends an attempt whose server never answers at the per-attempt timeout", async () => {
    const s = await server(() => undefined);
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], timeoutMs: 200 });
    const started = Date.now();
    const error = await rejection(client.request({ url: `${s.origin}/slow`, attempts: 1 }));
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect(error.message).toBe("GET 127.0.0.1/slow timed out after 200 ms (1 attempt)");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(client.egress.map((r) => r.status)).toEqual(["timeout"]);
  });

  it("times out a server that stalls in the middle of the body", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write("x".repeat(500));
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: `${s.origin}/stall`, timeoutMs: 300, attempts: 1 }));
    expect([error.code, error.status]).toEqual(["TIMEOUT", undefined]);
  });

  it("retries a timed-out attempt when the request is idempotent", async () => {
    let calls = 0;
    const s = await server((_req, res) => {
      if (++calls > 1) res.end("late but fine");
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep: async () => undefined, timeoutMs: 200 });
    const response = await client.request({ url: `${s.origin}/flaky` });
    expect([response.text(), s.seen.length]).toEqual(["late but fine", 2]);
  });

  it("caps any timeout asked for at 30 s", async () => {
    vi.useFakeTimers();
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof fetch;
    const client = createHttpClient({ allowOnly: ["mirror.example.org"], fetch: hanging, timeoutMs: 600_000 });
    const pending = rejection(client.request({ url: "https://mirror.example.org/x", timeoutMs: 90_000, attempts: 1 }));
    await vi.advanceTimersByTimeAsync(29_999);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(HttpTimeoutError);
    expect((error as HttpTimeoutError).timeoutMs).toBe(30_000);
  });

  it("reports the deadline, not the attempt timeout, when the deadline cuts an attempt short", async () => {
    const s = await server(() => undefined);
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], deadlineMs: 200 });
    const error = await rejection(client.request({ url: `${s.origin}/slow` }));
    expect([error.code, error.attempts]).toEqual(["DEADLINE_EXCEEDED", 1]);
  });
});

describe("response size", () => {
  it("refuses a body whose declared length is over the limit without reading it", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": String(2 * 1024 * 1024) });
      res.end(Buffer.alloc(2 * 1024 * 1024));
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: `${s.origin}/big`, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe("RESPONSE_TOO_LARGE");
    expect(error.message).toBe(
      "GET 127.0.0.1/big returned a body larger than the 1048576-byte limit (stopped at 2097152 bytes)",
    );
    expect([error.status, error.attempts]).toEqual([200, 1]);
  });

  it("stops reading a streamed body as soon as it passes the limit", async () => {
    let written = 0;
    let closedEarly = false;
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = (): void => {
        if (res.destroyed) return;
        if (written >= 64 * 1024 * 1024) return void res.end();
        written += chunk.length;
        if (res.write(chunk)) setImmediate(pump);
        else res.once("drain", pump);
      };
      res.on("close", () => {
        closedEarly = !res.writableFinished;
      });
      pump();
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: `${s.origin}/stream`, maxBytes: 256 * 1024 }));
    expect(error.code).toBe("RESPONSE_TOO_LARGE");
    await vi.waitFor(() => expect(closedEarly).toBe(true));
    expect(written).toBeLessThan(16 * 1024 * 1024);
  });

  it("accepts a body of exactly the limit", async () => {
    const s = await server((_req, res) => res.end("x".repeat(1000)));
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/exact`, maxBytes: 1000 });
    expect(response.body.byteLength).toBe(1000);
  });
});

describe("response decoding", () => {
  it("parses a JSON body", async () => {
    const s = await server((_req, res) => res.end('{"vulns":[{"id":"GHSA-xxxx"}]}'));
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/v1/query` });
    expect(response.json()).toEqual({ vulns: [{ id: "GHSA-xxxx" }] });
  });

  it("reports a body that is not JSON as BAD_RESPONSE naming the URL without its query", async () => {
    const s = await server((_req, res) => res.end("<html>captive portal</html>"));
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/v1/query?key=abc` });
    const error = await rejection(Promise.resolve().then(() => response.json()));
    expect(error.code).toBe("BAD_RESPONSE");
    expect(error.message).toMatch(/^GET 127\.0\.0\.1\/v1\/query returned a body that is not JSON \(/);
    expect(error.message).not.toContain("key=abc");
  });
});
