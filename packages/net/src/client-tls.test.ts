import { createServer as createProxyServer, type IncomingMessage } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNet, requestInChild } from "./__tests__/child.js";
import { recordedSleep, rejection } from "./__tests__/harness.js";
import { type Loopback, type SelfSigned, selfSignedCertificate, startHttps } from "./__tests__/loopback.js";
import { createHttpClient } from "./index.js";

let tls: SelfSigned;
let site: Loopback;

beforeAll(async () => {
  buildNet();
  tls = selfSignedCertificate();
  site = await startHttps(tls, (_req, res) => res.end("hello over tls"));
});
afterAll(async () => {
  await site.close();
});

describe("certificate validation", () => {
  it("refuses a self-signed certificate as TLS_FAILED, without retrying", async () => {
    const { sleep, waits } = recordedSleep();
    const client = createHttpClient({ allowOnly: ["localhost"], sleep });
    const error = await rejection(client.request({ url: `${site.origin}/` }));
    expect(error.code).toBe("TLS_FAILED");
    expect(error.message).toBe(
      "GET localhost/ failed: TLS certificate validation failed (DEPTH_ZERO_SELF_SIGNED_CERT)",
    );
    expect(error.hint).toContain("NODE_EXTRA_CA_CERTS");
    expect([error.attempts, waits, site.seen.length]).toEqual([1, [], 0]);
  });

  it("accepts the same certificate in a process started with NODE_EXTRA_CA_CERTS", async () => {
    const result = await requestInChild(`${site.origin}/ok`, ["localhost"], { NODE_EXTRA_CA_CERTS: tls.certFile });
    expect(result).toEqual({ status: 200, body: "hello over tls" });
  });

  it("still refuses it in a process started without NODE_EXTRA_CA_CERTS", async () => {
    const result = await requestInChild(`${site.origin}/ok`, ["localhost"], {});
    expect(result.code).toBe("TLS_FAILED");
  });

  it("refuses a trusted server that offers only TLS 1.1, even where Node's own defaults would allow it", async () => {
    const old = await startHttps({ ...tls }, (_req, res) => res.end("old"), {
      minVersion: "TLSv1",
      maxVersion: "TLSv1.1",
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    try {
      const lax = ["--tls-min-v1.0", "--tls-cipher-list=DEFAULT@SECLEVEL=0"];
      const result = await requestInChild(`${old.origin}/`, ["localhost"], { NODE_EXTRA_CA_CERTS: tls.certFile }, lax);
      expect(result.code).toBe("TLS_FAILED");
      expect(old.seen).toEqual([]);
    } finally {
      await old.close();
    }
  });
});

describe("proxies", () => {
  it("tunnels https through HTTPS_PROXY with CONNECT, certificate still validated end to end", async () => {
    const tunnels: string[] = [];
    const proxy = createProxyServer();
    proxy.on("connect", (req: IncomingMessage, client: Socket) => {
      tunnels.push(req.url ?? "");
      const [host, port] = (req.url ?? "").split(":");
      const upstream = connect(Number(port), host === "localhost" ? "127.0.0.1" : (host ?? ""), () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      const env = { NODE_EXTRA_CA_CERTS: tls.certFile, HTTPS_PROXY: proxyUrl };
      const result = await requestInChild(`${site.origin}/via-proxy`, ["localhost"], env);
      expect(result).toEqual({ status: 200, body: "hello over tls" });
      expect(tunnels).toEqual([`localhost:${site.port}`]);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it("goes direct to a host listed in NO_PROXY", async () => {
    const env = { NODE_EXTRA_CA_CERTS: tls.certFile, HTTPS_PROXY: "http://127.0.0.1:9", NO_PROXY: "localhost" };
    const result = await requestInChild(`${site.origin}/direct`, ["localhost"], env);
    expect(result).toEqual({ status: 200, body: "hello over tls" });
  });
});
