import { generateKeyPairSync, verify, X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:http";
import { fulcioHandler, initializeCA, initializeCTLog } from "@sigstore/mock";
import { createHttpClient } from "@tollgate/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeGitHubToken } from "../../../test/servers/sigstore-token.js";
import { CachedCertificateSigner } from "./cached-signer.js";

const keys = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });

/** The mock Fulcio on 127.0.0.1. */
let server: Server;
let signer: CachedCertificateSigner;
beforeAll(async () => {
  const handler = fulcioHandler(await initializeCA(keys(), await initializeCTLog(keys())), { subjectClaim: "san" });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const { statusCode, response } = await handler.fn(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(statusCode, { "content-type": "application/json" }).end(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  signer = new CachedCertificateSigner({
    fulcioUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    http: createHttpClient({ allowOnly: ["127.0.0.1"], transport: "dispatcher" }),
    getToken: async () => fakeGitHubToken(),
    timeoutMs: 5_000,
    retries: 0,
  });
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

/** Feeds `chunks` through one reused buffer (overwritten after each update, as digestAndSignFile does). */
async function signThroughReusedBuffer(chunks: string[]): Promise<{ signature: Buffer; certificate: string }> {
  const chunkSigner = signer.signChunks();
  const buffer = Buffer.alloc(64);
  for (const chunk of chunks) {
    const length = buffer.write(chunk);
    chunkSigner.update(buffer.subarray(0, length));
    buffer.fill(0x78);
  }
  const { signature, key } = await chunkSigner.finish();
  if (key.$case !== "x509Certificate") throw new Error("expected a certificate");
  return { signature, certificate: key.certificate };
}

const verifies = (data: string, { signature, certificate }: { signature: Buffer; certificate: string }): boolean =>
  verify("sha256", Buffer.from(data), new X509Certificate(certificate).publicKey, signature);

describe("CachedCertificateSigner.signChunks", () => {
  it("signs data given in one chunk, even when the caller reuses the chunk's buffer before finishing", async () => {
    const signed = await signThroughReusedBuffer(["alpha\n"]);
    expect([verifies("alpha\n", signed), verifies("xxxxxx", signed)]).toEqual([true, false]);
  });

  it("signs the concatenation of two and of three chunks", async () => {
    const two = await signThroughReusedBuffer(["alpha\n", "beta\n"]);
    const three = await signThroughReusedBuffer(["alpha\n", "beta\n", "gamma\n"]);
    expect([verifies("alpha\nbeta\n", two), verifies("alpha\nbeta\ngamma\n", three)]).toEqual([true, true]);
  });

  it("signs no chunks as the empty data", async () => {
    expect(verifies("", await signThroughReusedBuffer([]))).toBe(true);
  });

  it("gives the same kind of signature as sign() over the whole data", async () => {
    const whole = await signer.sign(Buffer.from("alpha\nbeta\n"));
    if (whole.key.$case !== "x509Certificate") throw new Error("expected a certificate");
    expect(verifies("alpha\nbeta\n", { signature: whole.signature, certificate: whole.key.certificate })).toBe(true);
    expect(signer.certificateRequests).toBe(1);
  });
});
