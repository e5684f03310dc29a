import { describe, expect, it } from "vitest";
import { rejection, server } from "./__tests__/harness.js";
import { createHttpClient, NetworkRefusedError } from "./index.js";

/** A fetch that must never be reached: proves a refusal happened before any connection. */
const unreachableFetch = (calls: string[]): typeof fetch =>
  (async (input: string | URL | Request) => {
    calls.push(String(input));
    return new Response("reached");
  }) as typeof fetch;

describe("allow-list", () => {
  it("reaches an allowed loopback host over plain http", async () => {
    const s = await server((_req, res) => res.end("hello"));
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/hello` });
    expect([response.status, response.text(), response.url]).toEqual([200, "hello", `${s.origin}/hello`]);
  });

  it("refuses a host outside the list before connecting, naming it and network.allow", async () => {
    const s = await server((_req, res) => res.end("hello"));
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: `http://localhost:${s.port}/x` }));
    expect(error).toBeInstanceOf(NetworkRefusedError);
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(error.message).toBe("GET localhost/x refused: host localhost is not on the allow-list");
    expect(error.hint).toBe('if Tollgate should reach it, add "localhost" under network.allow in the policy');
    expect(s.seen).toEqual([]);
    expect(client.egress).toEqual([
      { method: "GET", host: "localhost", path: "/x", status: "refused", attempts: 0, durationMs: 0 },
    ]);
  });

  it("refuses by default anything that is not a documented endpoint", async () => {
    const calls: string[] = [];
    const client = createHttpClient({ env: {}, npmRegistry: async () => undefined, fetch: unreachableFetch(calls) });
    const error = await rejection(client.request({ url: "https://tracker.example.com/collect" }));
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(calls).toEqual([]);
  });

  it("lets a documented endpoint through by default", async () => {
    const calls: string[] = [];
    const client = createHttpClient({ env: {}, npmRegistry: async () => undefined, fetch: unreachableFetch(calls) });
    await client.request({ url: "https://api.osv.dev/v1/query", method: "POST", body: "{}" });
    expect(calls).toEqual(["https://api.osv.dev/v1/query"]);
  });

  it("adds hosts from options.allow to the defaults, wildcards included", async () => {
    const calls: string[] = [];
    const client = createHttpClient({ allow: ["*.mirror.example.org"], env: {}, fetch: unreachableFetch(calls) });
    await client.request({ url: "https://eu.mirror.example.org/a" });
    await client.request({ url: "https://api.github.com/b" });
    expect(calls).toEqual(["https://eu.mirror.example.org/a", "https://api.github.com/b"]);
  });

  it("lets allowOnly replace the defaults", async () => {
    const calls: string[] = [];
    const client = createHttpClient({ allowOnly: ["mirror.example.org"], fetch: unreachableFetch(calls) });
    const error = await rejection(client.request({ url: "https://api.osv.dev/v1/query" }));
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(calls).toEqual([]);
  });

  it("allows the npm registry named by npm's configuration, without writing its name anywhere", async () => {
    const calls: string[] = [];
    const client = createHttpClient({
      env: { npm_config_registry: "https://registry.example.org/" },
      fetch: unreachableFetch(calls),
    });
    await client.request({ url: "https://registry.example.org/left-pad" });
    expect(calls).toEqual(["https://registry.example.org/left-pad"]);
  });

  it("reaches only the port an entry with a port names", async () => {
    const allowed = await server((_req, res) => res.end("allowed port"));
    const other = await server((_req, res) => res.end("other port"));
    const client = createHttpClient({ allowOnly: [`127.0.0.1:${allowed.port}`] });
    expect((await client.request({ url: `${allowed.origin}/` })).text()).toBe("allowed port");
    const error = await rejection(client.request({ url: `${other.origin}/` }));
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(other.seen).toEqual([]);
  });

  it("rejects an invalid network.allow entry when the client is created", () => {
    expect(() => createHttpClient({ allow: ["https://mirror.example.org/"] })).toThrow(
      'network.allow entry "https://mirror.example.org/" is not a bare host name',
    );
  });
});

describe("transport security", () => {
  it("refuses plaintext http to a non-loopback host without connecting", async () => {
    const calls: string[] = [];
    const client = createHttpClient({ allow: ["mirror.example.org"], fetch: unreachableFetch(calls) });
    const error = await rejection(client.request({ url: "http://mirror.example.org/simple/" }));
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(error.message).toBe(
      "GET mirror.example.org/simple/ refused: http: is not allowed, only https: (plaintext http: only to loopback)",
    );
    expect(calls).toEqual([]);
  });

  it("refuses schemes other than https and http", async () => {
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: "ftp://127.0.0.1/pub" }));
    expect(error.code).toBe("NETWORK_REFUSED");
  });

  it("refuses credentials embedded in the URL without echoing them", async () => {
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: "http://user:hunter2@127.0.0.1/x" }));
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.message).not.toContain("hunter2");
  });

  it("follows a redirect only to an allowed host", async () => {
    const s = await server((_req, res) => {
      res.writeHead(302, { location: "https://tracker.example.com/next" }).end();
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: `${s.origin}/start` }));
    expect(error.message).toBe(
      "GET tracker.example.com/next refused: host tracker.example.com is not on the allow-list",
    );
    expect(client.egress.map((r) => [r.host, r.path, r.status])).toEqual([
      ["127.0.0.1", "/start", 302],
      ["tracker.example.com", "/next", "refused"],
    ]);
  });

  it("follows a redirect to an allowed host and reports the final URL", async () => {
    const s = await server((req, res) => {
      if (req.url === "/old") res.writeHead(301, { location: "/new" }).end();
      else res.end(`at ${req.url}`);
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/old` });
    expect([response.text(), response.url]).toEqual(["at /new", `${s.origin}/new`]);
    expect(client.egress.map((r) => [r.path, r.status])).toEqual([
      ["/old", 301],
      ["/new", 200],
    ]);
  });

  it("turns a POST answered with 303 into a GET without the body", async () => {
    const s = await server((req, res) => {
      if (req.method === "POST") res.writeHead(303, { location: "/result" }).end();
      else res.end(`${req.method} ${req.url}`);
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const response = await client.request({ url: `${s.origin}/submit`, method: "POST", body: "data" });
    expect(response.text()).toBe("GET /result");
  });

  it("stops after 5 redirects and reports the redirect as HTTP_STATUS", async () => {
    const s = await server((_req, res) => res.writeHead(302, { location: "/loop" }).end());
    const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
    const error = await rejection(client.request({ url: `${s.origin}/loop` }));
    expect([error.code, error.status, s.seen.length]).toEqual(["HTTP_STATUS", 302, 6]);
  });

  it("drops the Authorization header when a redirect leaves the origin", async () => {
    const target = await server((req, res) => res.end(req.headers.authorization ?? "none"));
    const start = await server((_req, res) => {
      res.writeHead(307, { location: `http://localhost:${target.port}/file` }).end();
    });
    const client = createHttpClient({ allowOnly: ["127.0.0.1", "localhost"] });
    const response = await client.request({ url: `${start.origin}/file`, headers: { Authorization: "Bearer abc" } });
    expect(start.seen[0]?.headers.authorization).toBe("Bearer abc");
    expect(response.text()).toBe("none");
  });
});

describe("offline mode", () => {
  it("refuses every request, allowed hosts included, before connecting", async () => {
    const s = await server((_req, res) => res.end("hello"));
    const client = createHttpClient({ allowOnly: ["127.0.0.1"], offline: true });
    const error = await rejection(client.request({ url: `${s.origin}/x` }));
    expect(error.code).toBe("NETWORK_REFUSED");
    expect(error.message).toBe("GET 127.0.0.1/x refused: network access is off (network.offline: true)");
    expect(s.seen).toEqual([]);
  });
});
