import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { HashAlgorithm } from "@sigstore/protobuf-specs";
import { RekorWitness } from "@sigstore/sign";
import { afterEach, describe, expect, it } from "vitest";
import { ENTRIES_PATH, loopbackClient, startWitnessServer, type WitnessServer } from "./__tests__/witness-server.js";
import { AttestError } from "./attest-error.js";
import { type SignatureContent, toProposedEntry } from "./rekor-entry.js";
import { RekorV1Witness } from "./rekor-witness.js";

const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const keyPem = publicKey.export({ format: "pem", type: "spki" }).toString();
const data = Buffer.from("widgets-1.2.3.tgz contents\n");

const messageSignature: SignatureContent = {
  $case: "messageSignature",
  messageSignature: {
    messageDigest: { algorithm: HashAlgorithm.SHA2_256, digest: createHash("sha256").update(data).digest() },
    signature: sign("sha256", data, privateKey),
  },
};
const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}');
const dsseEnvelope: SignatureContent = {
  $case: "dsseEnvelope",
  dsseEnvelope: {
    payload,
    payloadType: "application/vnd.in-toto+json",
    signatures: [{ keyid: "", sig: sign("sha256", payload, privateKey) }],
  },
};

const servers: WitnessServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));
async function start(repeats: "conflict" | "replay"): Promise<WitnessServer> {
  const server = await startWitnessServer({ repeats });
  servers.push(server);
  return server;
}

/** Our witness on a loopback-only dispatcher client; sleeps are recorded, not waited. */
function witnessFor(server: WitnessServer, attempts = 3) {
  const { http, waits } = loopbackClient();
  return { witness: new RekorV1Witness({ rekorUrl: server.url, http, timeoutMs: 5_000, attempts }), waits };
}
const upstreamFor = (server: WitnessServer) =>
  new RekorWitness({ rekorBaseURL: server.url, entryType: "dsse", timeout: 5_000, retry: { retries: 0 } });

describe("RekorV1Witness", () => {
  for (const [name, content] of [
    ["hashedrekord", messageSignature],
    ["dsse", dsseEnvelope],
  ] as const) {
    it(`posts the same ${name} entry and returns the same log entry as @sigstore/sign's RekorWitness`, async () => {
      const server = await start("replay");
      const ours = await witnessFor(server).witness.testify(content, keyPem);
      const theirs = await upstreamFor(server).testify(content, keyPem);
      expect(server.posted).toHaveLength(2);
      expect(server.posted[0]).toBe(server.posted[1]);
      expect(ours).toEqual(theirs);
      expect(ours.tlogEntries?.[0]?.kindVersion).toEqual({ kind: name, version: "0.0.1" });
    });
  }

  it("fetches the existing entry when a repeated POST is answered 409 Conflict, as @sigstore/sign does", async () => {
    const server = await start("conflict");
    const { witness } = witnessFor(server);
    const first = await witness.testify(messageSignature, keyPem);
    const again = await witness.testify(messageSignature, keyPem);
    expect(again).toEqual(first);
    expect(server.seen.map((r) => r.replace(/[0-9a-f]{64}$/, "<uuid>"))).toEqual([
      `POST ${ENTRIES_PATH}`,
      `POST ${ENTRIES_PATH}`,
      `GET ${ENTRIES_PATH}/<uuid>`,
    ]);
  });

  it("retries 503 and 429 answers with backoff, then logs the entry", async () => {
    const server = await start("replay");
    server.script(
      ENTRIES_PATH,
      { status: 503, body: "{}" },
      { status: 429, body: "{}", headers: { "retry-after": "1" } },
    );
    const { witness, waits } = witnessFor(server);
    const material = await witness.testify(messageSignature, keyPem);
    expect(material.tlogEntries).toHaveLength(1);
    expect(server.seen).toEqual([`POST ${ENTRIES_PATH}`, `POST ${ENTRIES_PATH}`, `POST ${ENTRIES_PATH}`]);
    expect(waits).toEqual([250, 1000]);
  });

  it("fails closed, naming Rekor and the last status, when the log keeps answering 502", async () => {
    const server = await start("replay");
    server.script(ENTRIES_PATH, ...Array.from({ length: 2 }, () => ({ status: 502, body: '{"message":"down"}' })));
    const error = await witnessFor(server, 2)
      .witness.testify(messageSignature, keyPem)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttestError);
    expect(error).toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message: `signing failed at Rekor (transparency log): POST 127.0.0.1${ENTRIES_PATH} failed with HTTP 502 after 2 attempts: {"message":"down"}`,
    });
  });
});

describe("RekorV1Witness given a malformed answer", () => {
  /** A well-formed answer of the mock log for our content, to be spoiled one field at a time. */
  async function validAnswer(server: WitnessServer): Promise<{ uuid: string; entry: Record<string, unknown> }> {
    const response = await fetch(`${server.url}${ENTRIES_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(toProposedEntry(messageSignature, keyPem)),
    });
    const [uuid, entry] = Object.entries((await response.json()) as Record<string, Record<string, unknown>>)[0] ?? [];
    return { uuid: uuid as string, entry: entry as Record<string, unknown> };
  }
  const dsseBody = Buffer.from('{"apiVersion":"0.0.1","kind":"dsse","spec":{}}').toString("base64");
  const cases: [string, (a: { uuid: string; entry: Record<string, unknown> }) => unknown, string][] = [
    ["no entry", () => ({}), "the answer holds 0 entries, not 1"],
    ["two entries", (a) => ({ [a.uuid]: a.entry, other: a.entry }), "the answer holds 2 entries, not 1"],
    ["a list", (a) => [a.entry], "the answer is an array, not an object"],
    ["no log ID", (a) => ({ [a.uuid]: { ...a.entry, logID: undefined } }), "logID is missing, not hex"],
    ["a log ID that is not hex", (a) => ({ [a.uuid]: { ...a.entry, logID: "zz" } }), 'logID is "zz", not hex'],
    ["a log index as text", (a) => ({ [a.uuid]: { ...a.entry, logIndex: "12" } }), 'logIndex is "12", not a log index'],
    [
      "a body of another kind",
      (a) => ({ [a.uuid]: { ...a.entry, body: dsseBody } }),
      "body is not a hashedrekord entry",
    ],
    [
      "a body that is not base64",
      (a) => ({ [a.uuid]: { ...a.entry, body: "%%" } }),
      "body is not the base64 of a JSON entry",
    ],
    [
      "no inclusion promise or proof",
      (a) => ({ [a.uuid]: { ...a.entry, verification: {} } }),
      "the entry has neither an inclusion promise nor an inclusion proof",
    ],
    [
      "a root hash that is not hex",
      (a) => {
        const verification = a.entry.verification as { inclusionProof: Record<string, unknown> };
        const inclusionProof = { ...verification.inclusionProof, rootHash: "not-hex" };
        return { [a.uuid]: { ...a.entry, verification: { ...verification, inclusionProof } } };
      },
      'rootHash is "not-hex", not hex',
    ],
  ];
  for (const [name, spoil, reason] of cases) {
    it(`fails closed with a typed error naming what is wrong: ${name}`, async () => {
      const server = await start("replay");
      server.script(ENTRIES_PATH, { status: 201, body: JSON.stringify(spoil(await validAnswer(server))) });
      const error = await witnessFor(server)
        .witness.testify(messageSignature, keyPem)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AttestError);
      expect(error).toMatchObject({
        code: "ATTEST_SIGNING_FAILED",
        message: `signing failed at Rekor (transparency log): ${new URL(server.url).host}${ENTRIES_PATH} returned a malformed log entry (${reason})`,
        hint: expect.stringContaining("did not answer as a Rekor v1 log"),
      });
    });
  }

  it("fails closed when the answer is not JSON at all", async () => {
    const server = await start("replay");
    server.script(ENTRIES_PATH, { status: 201, body: "<html>captive portal</html>" });
    const error = await witnessFor(server)
      .witness.testify(messageSignature, keyPem)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message: expect.stringMatching(
        /^signing failed at Rekor \(transparency log\): POST 127\.0\.0\.1\/api\/v1\/log\/entries returned a body that is not JSON/,
      ),
    });
  });

  it("fails closed on a 409 Conflict that does not say where the existing entry is", async () => {
    const server = await start("replay");
    server.script(ENTRIES_PATH, { status: 409, body: '{"message":"exists"}' });
    const error = await witnessFor(server)
      .witness.testify(messageSignature, keyPem)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message: `signing failed at Rekor (transparency log): ${new URL(server.url).host}${ENTRIES_PATH} returned a malformed log entry (a 409 Conflict answer without the location of the existing entry)`,
    });
  });
});
