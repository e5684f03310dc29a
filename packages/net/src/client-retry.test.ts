import { describe, expect, it } from "vitest";
import { recordedSleep, rejection, server } from "./__tests__/harness.js";
import { createHttpClient } from "./index.js";

/** Answers with the statuses given, in order, then 200 "done". */
function sequence(...statuses: { status: number; headers?: Record<string, string>; body?: string }[]) {
  let i = 0;
  return server((_req, res) => {
    const next = statuses[i++];
    if (next === undefined) return void res.end("done");
    res.writeHead(next.status, next.headers).end(next.body ?? "");
  });
}

const half = () => 0.5;

describe("retries", () => {
  it("waits the seconds of Retry-After on 429, then succeeds", async () => {
    const s = await sequence({ status: 429, headers: { "retry-after": "2" } });
    const { sleep, waits } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half });
    const response = await client.request({ url: `${s.origin}/v1/query` });
    expect([response.status, response.text()]).toEqual([200, "done"]);
    expect(waits).toEqual([2000]);
    expect(s.seen).toHaveLength(2);
  });

  it("waits until the HTTP-date of Retry-After", async () => {
    const now = Date.parse("2026-11-22T12:00:00Z");
    const s = await sequence({ status: 429, headers: { "retry-after": "Sun, 22 Nov 2026 12:00:05 GMT" } });
    const { sleep, waits } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half, now: () => now });
    await client.request({ url: `${s.origin}/v1/query` });
    expect(waits).toEqual([5000]);
  });

  it("backs off exponentially with jitter on 5xx, then succeeds", async () => {
    const s = await sequence({ status: 500 }, { status: 502 }, { status: 503 });
    const { sleep, waits } = recordedSleep();
    const lines: string[] = [];
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half, log: (l) => lines.push(l) });
    const response = await client.request({ url: `${s.origin}/data` });
    expect(response.status).toBe(200);
    expect(waits).toEqual([250, 500, 1000]);
    expect(lines.map((l) => l.replace(/ \d+ms$/, ""))).toEqual([
      "GET 127.0.0.1/data 500 attempt 1/4",
      "GET 127.0.0.1/data 502 attempt 2/4",
      "GET 127.0.0.1/data 503 attempt 3/4",
      "GET 127.0.0.1/data 200 attempt 4/4",
    ]);
    expect(client.egress.map((r) => [r.path, r.status, r.attempts])).toEqual([["/data", 200, 4]]);
  });

  it("gives up after the attempts asked for with the last status", async () => {
    const s = await sequence({ status: 503 }, { status: 503 }, { status: 503 });
    const { sleep } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half });
    const error = await rejection(client.request({ url: `${s.origin}/data`, attempts: 2 }));
    expect([error.code, error.status, error.attempts]).toEqual(["HTTP_STATUS", 503, 2]);
    expect(s.seen).toHaveLength(2);
  });

  it("does not retry a 4xx other than 429", async () => {
    const s = await sequence({ status: 404, body: '{"message":"Not Found"}' });
    const { sleep, waits } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep });
    const error = await rejection(client.request({ url: `${s.origin}/repos/o/r` }));
    expect(error.code).toBe("HTTP_STATUS");
    expect(error.message).toBe('GET 127.0.0.1/repos/o/r failed with HTTP 404 after 1 attempt: {"message":"Not Found"}');
    expect([s.seen.length, waits]).toEqual([1, []]);
  });

  it("returns a status the caller accepts instead of failing", async () => {
    const s = await sequence({ status: 404, body: "gone" });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/x`, acceptStatus: [404] });
    expect([response.status, response.text()]).toEqual([404, "gone"]);
  });

  it("does not retry a POST unless the caller marks it idempotent", async () => {
    const s = await sequence({ status: 503 }, { status: 503 });
    const { sleep } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half });
    const error = await rejection(client.request({ url: `${s.origin}/upload`, method: "POST", body: "x" }));
    expect([error.status, error.attempts, s.seen.length]).toEqual([503, 1, 1]);
  });

  it("retries a POST marked idempotent", async () => {
    const s = await sequence({ status: 503 });
    const { sleep } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half });
    const response = await client.request({
      url: `${s.origin}/v1/query`,
      method: "POST",
      body: "{}",
      idempotent: true,
    });
    expect([response.status, s.seen.map((r) => r.method)]).toEqual([200, ["POST", "POST"]]);
  });

  it("retries connection failures, then reports CONNECTION_FAILED", async () => {
    const s = await server((_req, res) => res.end());
    await s.close();
    const { sleep, waits } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: half });
    const error = await rejection(client.request({ url: `${s.origin}/x`, attempts: 3 }));
    expect(error.code).toBe("CONNECTION_FAILED");
    expect(error.message).toBe("GET 127.0.0.1/x failed: connection error ECONNREFUSED after 3 attempts");
    expect(waits).toEqual([250, 500]);
    expect(client.egress).toEqual([
      expect.objectContaining({ host: "127.0.0.1", path: "/x", status: "error", attempts: 3 }),
    ]);
  });

  it("stops at the overall deadline instead of waiting past it", async () => {
    let clock = 0;
    const s = await sequence({ status: 429, headers: { "retry-after": "50" } });
    const client = createHttpClient({
      allowOnly: ["127.0.0.1"],
      deadlineMs: 10_000,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const error = await rejection(client.request({ url: `${s.origin}/x` }));
    expect(error.code).toBe("DEADLINE_EXCEEDED");
    expect(error.message).toBe(
      "GET 127.0.0.1/x did not succeed within its 10000 ms deadline (1 attempt, last status 429)",
    );
    expect([clock, s.seen.length]).toEqual([0, 1]);
  });
});
