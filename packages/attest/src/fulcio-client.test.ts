import { generateKeyPairSync, verify, X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:http";
import { fulcioHandler, initializeCA, initializeCTLog } from "@sigstore/mock";
import { FulcioSigner } from "@sigstore/sign";
import { createHttpClient } from "@tollgate/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeGitHubToken, TEST_SAN } from "../../../test/servers/sigstore-token.js";
import { AttestError } from "./attest-error.js";
import { requestSigningCertificate, tokenSubject } from "./fulcio-client.js";

const keys = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const { privateKey, publicKey } = keys();
const publicKeyPem = publicKey.export({ format: "pem", type: "spki" }).toString();
const jwt = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;

/** The mock Fulcio on 127.0.0.1, recording each request body; `answer` replaces its answers when set. */
let server: Server;
let url: string;
const bodies: Record<string, unknown>[] = [];
const override: { answer?: string } = {};
beforeAll(async () => {
  const handler = fulcioHandler(await initializeCA(keys(), await initializeCTLog(keys())), { subjectClaim: "san" });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString("utf8");
      bodies.push(JSON.parse(body));
      if (override.answer !== undefined) return void res.writeHead(201).end(override.answer);
      const { statusCode, response } = await handler.fn(body);
      res.writeHead(statusCode, { "content-type": "application/json" }).end(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

const http = createHttpClient({ allowOnly: ["127.0.0.1"], transport: "dispatcher" });
const ask = (token = fakeGitHubToken()) =>
  requestSigningCertificate({ fulcioUrl: url, http, token, privateKey, publicKeyPem, timeoutMs: 5_000, attempts: 1 });

describe("requestSigningCertificate", () => {
  it("sends the request @sigstore/sign's FulcioSigner sends and returns the leaf certificate for the key", async () => {
    bodies.length = 0;
    override.answer = undefined;
    const token = fakeGitHubToken();
    const pem = await ask(token);
    const keyHolder = {
      sign: async (data: Buffer) => ({
        signature: Buffer.from(""),
        key: { $case: "publicKey" as const, publicKey: publicKeyPem },
        data,
      }),
    };
    await new FulcioSigner({ fulcioBaseURL: url, identityProvider: { getToken: async () => token }, keyHolder })
      .sign(Buffer.from("x"))
      .catch(() => undefined);
    const [ours, theirs] = bodies as { publicKeyRequest: { proofOfPossession: string } }[];
    expect({ ...ours, publicKeyRequest: { ...ours?.publicKeyRequest, proofOfPossession: "" } }).toEqual(theirs);
    const subject = Buffer.from(`repo:acme/widgets:ref:refs/tags/v1.2.3`);
    expect(
      verify("sha256", subject, publicKey, Buffer.from(ours?.publicKeyRequest.proofOfPossession ?? "", "base64")),
    ).toBe(true);
    const certificate = new X509Certificate(pem);
    expect(certificate.publicKey.export({ format: "pem", type: "spki" })).toBe(publicKeyPem);
    expect(certificate.subjectAltName).toBe(`URI:${TEST_SAN}`);
  });

  it("fails closed with a typed error when the answer holds no certificate chain", async () => {
    override.answer = '{"signedCertificateEmbeddedSct":{"chain":{"certificates":[]}}}';
    try {
      const error = await ask().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AttestError);
      expect(error).toMatchObject({
        code: "ATTEST_SIGNING_FAILED",
        message: `signing failed at Fulcio (certificate authority): ${new URL(url).host}/api/v2/signingCert returned no certificate chain`,
      });
    } finally {
      override.answer = undefined;
    }
  });
});

describe("tokenSubject", () => {
  it("is the verified email when the token has one", () => {
    expect(tokenSubject(jwt({ email: "dev@example.org", email_verified: true, sub: "123" }))).toBe("dev@example.org");
  });
  it("refuses an email the issuer did not verify", () => {
    expect(() => tokenSubject(jwt({ email: "dev@example.org", sub: "123" }))).toThrow(
      "JWT email not verified by issuer",
    );
  });
  it("is `sub` otherwise", () => {
    expect(tokenSubject(jwt({ sub: "repo:acme/widgets:ref:refs/heads/main" }))).toBe(
      "repo:acme/widgets:ref:refs/heads/main",
    );
  });
  it("refuses a token without a subject", () => {
    expect(() => tokenSubject(jwt({ iss: "https://issuer.example.org" }))).toThrow("JWT subject not found");
  });
  it("refuses a token that is not a JWT, quoting it for the session to redact", () => {
    expect(() => tokenSubject("not-a-jwt")).toThrow("invalid identity token: not-a-jwt");
  });
});
