import { describe, expect, it } from "vitest";
import { recordedSleep, rejection, server } from "./__tests__/harness.js";
import { createHttpClient, type HttpError } from "./index.js";

const token = "ghp_R2d2C3poBb8LukeLeiaHanChewie0123456";
const querySecret = "sig-9f2c4e1a7b3d";

/** Everything the client lets out: log lines, error text and fields, egress evidence. */
function everythingSaid(lines: string[], egress: unknown, error?: HttpError): string {
  const parts = [...lines, JSON.stringify(egress)];
  if (error !== undefined) {
    parts.push(error.message, error.hint ?? "", JSON.stringify(error), String(error.cause ?? ""), error.stack ?? "");
  }
  return parts.join("\n");
}

function client(lines: string[]) {
  const { sleep } = recordedSleep();
  return createHttpClient({ allowOnly: ["127.0.0.1"], sleep, random: () => 0.5, log: (l) => lines.push(l) });
}

describe("secrets never leave the client", () => {
  it("keeps a bearer token and a query-string token out of logs and egress on success", async () => {
    const s = await server((_req, res) => res.end("ok"));
    const lines: string[] = [];
    const c = client(lines);
    await c.request({
      url: `${s.origin}/v1/query?access_token=${token}&sig=${querySecret}`,
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(s.seen[0]?.headers.authorization).toBe(`Bearer ${token}`);
    const said = everythingSaid(lines, c.egress);
    expect(said).not.toContain(token);
    expect(said).not.toContain(querySecret);
    expect(lines).toHaveLength(1);
  });

  it("redacts a token the server echoes back in an error body", async () => {
    const s = await server((req, res) => {
      res.writeHead(401).end(JSON.stringify({ message: "Bad credentials", received: req.headers.authorization }));
    });
    const lines: string[] = [];
    const c = client(lines);
    const error = await rejection(
      c.request({ url: `${s.origin}/user?token=${token}`, headers: { authorization: `Bearer ${token}` } }),
    );
    expect(error.code).toBe("HTTP_STATUS");
    expect(error.message).toBe(
      'GET 127.0.0.1/user failed with HTTP 401 after 1 attempt: {"message":"Bad credentials","received":"Bearer ghp***456"}',
    );
    expect(everythingSaid(lines, c.egress, error)).not.toContain(token);
  });

  it("keeps tokens out of timeout and connection errors", async () => {
    const silent = await server(() => undefined);
    const closed = await server((_req, res) => res.end());
    await closed.close();
    const lines: string[] = [];
    const c = createHttpClient({
      allowOnly: ["127.0.0.1"],
      timeoutMs: 100,
      sleep: async () => undefined,
      log: (l) => lines.push(l),
    });
    const request = (origin: string) =>
      c.request({ url: `${origin}/x?sig=${querySecret}`, headers: { authorization: `Bearer ${token}` }, attempts: 2 });
    const errors = [await rejection(request(silent.origin)), await rejection(request(closed.origin))];
    expect(errors.map((e) => e.code)).toEqual(["TIMEOUT", "CONNECTION_FAILED"]);
    for (const error of errors) {
      const said = everythingSaid(lines, c.egress, error);
      expect(said).not.toContain(token);
      expect(said).not.toContain(querySecret);
    }
  });

  it("keeps a token in the query out of a refusal", async () => {
    const lines: string[] = [];
    const c = client(lines);
    const error = await rejection(c.request({ url: `https://tracker.example.com/p?token=${token}` }));
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(everythingSaid(lines, c.egress, error)).not.toContain(token);
  });

  it("masks a token that appears in the path itself", async () => {
    const s = await server((_req, res) => res.end("ok"));
    const lines: string[] = [];
    const c = client(lines);
    await c.request({ url: `${s.origin}/hooks/${token}` });
    expect(c.egress.map((r) => r.path)).toEqual(["/hooks/ghp***456"]);
    expect(everythingSaid(lines, c.egress)).not.toContain(token);
  });
});
