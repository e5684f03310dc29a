/** Rekor v1 and v2 handlers for the loopback stack that store what real Rekor stores (mock pitfalls 1 and 2). */
import { createHash } from "node:crypto";
import type { initializeTLog } from "@sigstore/mock";
import { HashAlgorithm, TransparencyLogEntry } from "@sigstore/protobuf-specs";
import { CreateEntryRequest, Entry } from "@sigstore/protobuf-specs/rekor/v2";

export const REKOR_V1_PATH = "/api/v1/log/entries";
export const REKOR_V2_PATH = "/api/v2/log/entries";

type HandlerResult = { statusCode: number; response: string | ArrayBufferView; contentType?: string };
/** A @sigstore/mock-style handler: a path and a function of the request body. */
export type Handler = { path: string; fn: (body: string) => Promise<HandlerResult> };

const sha256 = (data: Uint8Array | string): Buffer => createHash("sha256").update(data).digest();

type TLog = Awaited<ReturnType<typeof initializeTLog>>;

/** Pitfall 1: the mock stores a `dsse` proposal verbatim; real Rekor stores payload hash and signatures. */
export function rekorV1Handler(tlog: TLog): Handler {
  return {
    path: REKOR_V1_PATH,
    fn: async (body) => {
      let entry = JSON.parse(body) as {
        kind?: string;
        spec?: { proposedContent?: { envelope: string; verifiers: string[] } };
      };
      const proposed = entry.kind === "dsse" ? entry.spec?.proposedContent : undefined;
      if (proposed) {
        const envelope = JSON.parse(proposed.envelope) as { payload: string; signatures: { sig: string }[] };
        entry = {
          apiVersion: "0.0.1",
          kind: "dsse",
          spec: {
            envelopeHash: { algorithm: "sha256", value: sha256(proposed.envelope).toString("hex") },
            payloadHash: {
              algorithm: "sha256",
              value: sha256(Buffer.from(envelope.payload, "base64")).toString("hex"),
            },
            signatures: envelope.signatures.map((s) => ({ signature: s.sig, verifier: proposed.verifiers[0] })),
          },
        } as typeof entry;
      }
      return { statusCode: 201, response: JSON.stringify(await tlog.log(entry)), contentType: "application/json" };
    },
  };
}

/** Pitfalls 1 and 2 for Rekor v2: store what real Rekor stores, and use leaf index 0 of the 1-leaf tree. */
export function rekorV2Handler(tlog: TLog): Handler {
  return {
    path: REKOR_V2_PATH,
    fn: async (body) => {
      const request = CreateEntryRequest.fromJSON(JSON.parse(body)).spec;
      let entry: Entry;
      if (request?.$case === "dsseRequestV002") {
        const { envelope, verifiers } = request.dsseRequestV002;
        entry = {
          kind: "dsse",
          apiVersion: "0.0.2",
          spec: {
            spec: {
              $case: "dsseV002",
              dsseV002: {
                payloadHash: {
                  algorithm: HashAlgorithm.SHA2_256,
                  digest: sha256(envelope?.payload ?? Buffer.alloc(0)),
                },
                signatures: (envelope?.signatures ?? []).map((s) => ({ content: s.sig, verifier: verifiers[0] })),
              },
            },
          },
        } as unknown as Entry;
      } else if (request?.$case === "hashedRekordRequestV002") {
        const { digest, signature } = request.hashedRekordRequestV002;
        entry = {
          kind: "hashedrekord",
          apiVersion: "0.0.2",
          spec: {
            spec: {
              $case: "hashedRekordV002",
              hashedRekordV002: { data: { algorithm: HashAlgorithm.SHA2_256, digest }, signature },
            },
          },
        } as unknown as Entry;
      } else {
        return { statusCode: 400, response: "unsupported entry" };
      }
      const tle = await tlog.logV2(Entry.toJSON(entry) as never);
      if (tle.kindVersion) tle.kindVersion.kind = entry.kind;
      tle.logIndex = "0";
      if (tle.inclusionProof) tle.inclusionProof.logIndex = "0";
      return {
        statusCode: 201,
        response: JSON.stringify(TransparencyLogEntry.toJSON(tle)),
        contentType: "application/json",
      };
    },
  };
}
