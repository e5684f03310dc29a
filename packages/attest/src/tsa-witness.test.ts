import { generateKeyPairSync, sign } from "node:crypto";
import { RFC3161Timestamp } from "@sigstore/core";
import { HashAlgorithm } from "@sigstore/protobuf-specs";
import { TSAWitness } from "@sigstore/sign";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackClient, startWitnessServer, TIMESTAMP_PATH, type WitnessServer } from "./__tests__/witness-server.js";
import { AttestError } from "./attest-error.js";
import type { SignatureContent } from "./rekor-entry.js";
import { TsaWitness } from "./tsa-witness.js";

const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const data = Buffer.from("widgets-1.2.3.tgz contents\n");
const content: SignatureContent = {
  $case: "messageSignature",
  messageSignature: {
    messageDigest: { algorithm: HashAlgorithm.SHA2_256, digest: Buffer.alloc(32, 7) },
    signature: sign("sha256", data, privateKey),
  },
};

const servers: WitnessServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));
async function start(): Promise<WitnessServer> {
  const server = await startWitnessServer({ repeats: "replay" });
  servers.push(server);
  return server;
}

function witnessFor(tsaUrl: string, attempts = 3) {
  const { http, waits } = loopbackClient();
  return { witness: new TsaWitness({ tsaUrl, http, timeoutMs: 5_000, attempts }), waits };
}

describe("TsaWitness", () => {
  it("asks for and returns the same timestamp as @sigstore/sign's TSAWitness", async () => {
    const server = await start();
    const ours = await witnessFor(server.url).witness.testify(content);
    const theirs = await new TSAWitness({ tsaBaseURL: server.url, retry: { retries: 0 } }).testify(content);
    expect(ours).toEqual(theirs);
    const timestamp = Buffer.from(ours.rfc3161Timestamps?.[0]?.signedTimestamp ?? []);
    expect(RFC3161Timestamp.parse(timestamp).status).toBe(0n);
    expect(server.seen).toEqual([`POST ${TIMESTAMP_PATH}`, `POST ${TIMESTAMP_PATH}`]);
  });

  it("uses a TSA URL with a path as the full timestamp URL", async () => {
    const server = await start();
    await witnessFor(`${server.url}${TIMESTAMP_PATH}`).witness.testify(content);
    expect(server.seen).toEqual([`POST ${TIMESTAMP_PATH}`]);
  });

  it("retries a 503 with backoff, then returns the timestamp", async () => {
    const server = await start();
    server.script(TIMESTAMP_PATH, { status: 503, body: "{}" });
    const { witness, waits } = witnessFor(server.url);
    expect((await witness.testify(content)).rfc3161Timestamps).toHaveLength(1);
    expect([server.seen.length, waits]).toEqual([2, [250]]);
  });

  it("fails closed with a typed error when the answer is not an RFC 3161 timestamp", async () => {
    const server = await start();
    server.script(TIMESTAMP_PATH, { status: 200, body: "<html>captive portal</html>" });
    const error = await witnessFor(server.url)
      .witness.testify(content)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttestError);
    expect(error).toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message: `signing failed at the timestamp authority: ${new URL(server.url).host}${TIMESTAMP_PATH} returned 27 bytes that are not an RFC 3161 timestamp`,
    });
  });

  it("fails closed, naming the timestamp authority, when it keeps answering 500", async () => {
    const server = await start();
    server.script(TIMESTAMP_PATH, { status: 500, body: "{}" }, { status: 500, body: "{}" });
    const error = await witnessFor(server.url, 2)
      .witness.testify(content)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message: `signing failed at the timestamp authority: POST 127.0.0.1${TIMESTAMP_PATH} failed with HTTP 500 after 2 attempts: {}`,
    });
  });
});
