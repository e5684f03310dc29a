/**
 * An offline Sigstore stack on 127.0.0.1 for tests and the benchmark: @sigstore/mock's Fulcio (+ CT log),
 * Rekor v1, Rekor v2 and an RFC 3161 TSA behind plain node:http servers, a trusted root built from their keys,
 * and fake GitHub Actions OIDC tokens. It works around three known pitfalls of the mock (see the comments).
 */
import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  tsaHandler,
} from "@sigstore/mock";
import { HashAlgorithm, PublicKeyDetails, TrustedRoot } from "@sigstore/protobuf-specs";
import { type Handler, REKOR_V1_PATH, REKOR_V2_PATH, rekorV1Handler, rekorV2Handler } from "./sigstore-rekor.js";

export { REKOR_V1_PATH, REKOR_V2_PATH };

type KeyPair = { publicKey: KeyObject; privateKey: KeyObject };

export interface SigstoreStack {
  /** Fulcio, Rekor v1 and the TSA share this origin. */
  url: string;
  /** The Rekor v2 log. */
  urlV2: string;
  /** The trusted root (JSON as written to trusted_root.json) trusting this stack's CA, logs and TSA. */
  trustedRoot: Record<string, unknown>;
  /** Requests received per path, e.g. "/api/v2/signingCert". */
  requests: Map<string, number>;
  /** Answers the next `count` requests to `path` with `status` before reaching the mock. */
  failNext(path: string, status: number, count: number): void;
  /** Makes the TSA issue the next `count` timestamps at a millisecond @sigstore/core cannot parse. */
  issueBadTimestamps(count: number): void;
  /** Delays every answer by `ms` (slow-service tests). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export const FULCIO_PATH = "/api/v2/signingCert";
export const TSA_PATH = "/api/v1/timestamp";

const sha256 = (data: Uint8Array | string): Buffer => createHash("sha256").update(data).digest();
const bytes = (view: ArrayBufferView): Buffer => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
const ecKeyPair = (): KeyPair => generateKeyPairSync("ec", { namedCurve: "prime256v1" });

export interface SigstoreStackOptions {
  /**
   * Keep-alive timeout of the servers (default 1,000 ms, so tests close fast). Clients drop a connection whose
   * `Keep-Alive: timeout=1` hint leaves less than their safety margin, so at 1 s every request opens a new TCP
   * connection; the benchmark uses 5,000 ms (Node's default), where connections are reused as with real services.
   */
  keepAliveTimeoutMs?: number;
}

/** Starts the stack; close it after the test. */
export async function startSigstoreStack(options: SigstoreStackOptions = {}): Promise<SigstoreStack> {
  const requests = new Map<string, number>();
  const failures: { path: string; status: number; left: number }[] = [];
  const delay = { ms: 0 };
  const badTimestamps = { left: 0 };
  const context = { requests, failures, delay, keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 1_000 };
  const keys = { ca: ecKeyPair(), ct: ecKeyPair(), rekor: ecKeyPair(), rekorV2: ecKeyPair(), tsa: ecKeyPair() };
  const handlers = new Map<string, Handler>();
  const main = await serve(handlers, context);
  const ctlog = await initializeCTLog(keys.ct);
  const ca = await initializeCA(keys.ca, ctlog);
  const tlog = await initializeTLog(main.url, keys.rekor);
  const tsa = await initializeTSA(keys.tsa);
  // Pitfall 3: the mock encodes genTime as DER GeneralizedTime, dropping trailing zeros of the fraction
  // ("…00.5Z"), which @sigstore/core rejects ("invalid time"). Checking the clock before calling the mock
  // still lost ~0.3% (a pause between the check and the mock's own clock read), so the mock's clock itself
  // is moved off such milliseconds by 1 ms. The signing session still retries such a timestamp, as it must
  // for a real TSA.
  const clock = tsa as unknown as { getCurrentTime?: () => Date };
  if (typeof clock.getCurrentTime !== "function") throw new Error("@sigstore/mock TSA changed: getCurrentTime is gone");
  clock.getCurrentTime = () => {
    const now = Date.now();
    if (badTimestamps.left > 0) {
      badTimestamps.left--;
      return new Date(now - (now % 1000) + 500); // "….5Z": what a real TSA may send, for retry tests
    }
    return new Date(now % 10 === 0 ? now + 1 : now);
  };
  // The SAN real Fulcio derives for GitHub tokens (https://github.com/<job_workflow_ref>) comes from a `san` claim.
  for (const h of [fulcioHandler(ca, { subjectClaim: "san" }), rekorV1Handler(tlog), tsaHandler(tsa)]) {
    handlers.set(h.path, h as Handler);
  }
  const handlersV2 = new Map<string, Handler>();
  const v2 = await serve(handlersV2, context);
  const tlogV2 = await initializeTLog(v2.url, keys.rekorV2);
  handlersV2.set(REKOR_V2_PATH, rekorV2Handler(tlogV2));

  const spki = (key: KeyObject): Buffer => key.export({ format: "der", type: "spki" });
  const start = new Date(Date.now() - 60_000);
  const tlogInstance = (baseUrl: string, key: KeyObject) => ({
    baseUrl,
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: { rawBytes: spki(key), keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor: { start } },
    logId: { keyId: sha256(spki(key)) },
    checkpointKeyId: undefined,
    operator: "sigstore.mock",
  });
  const trustedRoot = TrustedRoot.toJSON({
    mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
    tlogs: [tlogInstance(main.url, keys.rekor.publicKey), tlogInstance(v2.url, keys.rekorV2.publicKey)],
    certificateAuthorities: [
      {
        subject: { organization: "sigstore.mock", commonName: "sigstore" },
        uri: main.url,
        certChain: { certificates: [{ rawBytes: bytes(ca.rootCertificate) }] },
        validFor: { start },
        operator: "sigstore.mock",
      },
    ],
    ctlogs: [
      {
        baseUrl: main.url,
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: {
          rawBytes: spki(keys.ct.publicKey),
          keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
          validFor: { start },
        },
        logId: { keyId: bytes(ctlog.logID) },
        checkpointKeyId: undefined,
        operator: "sigstore.mock",
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: "sigstore.mock", commonName: "tsa" },
        uri: main.url,
        certChain: {
          certificates: [{ rawBytes: bytes(tsa.intCertificate) }, { rawBytes: bytes(tsa.rootCertificate) }],
        },
        validFor: { start },
        operator: "sigstore.mock",
      },
    ],
  }) as Record<string, unknown>;

  return {
    url: main.url,
    urlV2: v2.url,
    trustedRoot,
    requests,
    failNext: (path, status, count) => failures.push({ path, status, left: count }),
    issueBadTimestamps: (count) => {
      // The mock reads its clock twice per timestamp: genTime, then the CMS signing-time attribute.
      badTimestamps.left = 2 * count;
    },
    setDelay: (ms) => {
      delay.ms = ms;
    },
    close: async () => {
      await Promise.all([main.server, v2.server].map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

async function serve(
  handlers: Map<string, Handler>,
  context: {
    requests: Map<string, number>;
    failures: { path: string; status: number; left: number }[];
    delay: { ms: number };
    keepAliveTimeoutMs: number;
  },
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      context.requests.set(path, (context.requests.get(path) ?? 0) + 1);
      if (context.delay.ms > 0) await new Promise((resolve) => setTimeout(resolve, context.delay.ms));
      const failure = context.failures.find((f) => f.path === path && f.left > 0);
      if (failure) {
        failure.left--;
        res.writeHead(failure.status, { "content-type": "application/json" }).end('{"message":"injected failure"}');
        return;
      }
      const handler = handlers.get(path);
      if (!handler || req.method !== "POST") {
        res.writeHead(404).end("not found");
        return;
      }
      try {
        const { statusCode, response, contentType } = await handler.fn(Buffer.concat(chunks).toString("utf8"));
        const body =
          typeof response === "string"
            ? response
            : Buffer.from(response.buffer, response.byteOffset, response.byteLength);
        res.writeHead(statusCode, { "content-type": contentType ?? "text/plain" }).end(body);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
  });
  server.keepAliveTimeout = context.keepAliveTimeoutMs;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}
