import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MalformedEntryError, toTransparencyLogEntry } from "./rekor-entry.js";

const hex = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => Buffer.from(b).toString("hex"));
const kind = fc.constantFrom("hashedrekord" as const, "dsse" as const);

/** A well-formed Rekor v1 answer `{ uuid: entry }` for an entry of `kind`, with or without a promise and a proof. */
const answer = kind.chain((k) =>
  fc.record({
    kind: fc.constant(k),
    uuid: hex(32, 32),
    body: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 16 }), { maxKeys: 3 }),
    logIndex: fc.nat(),
    integratedTime: fc.nat(),
    logID: hex(1, 32),
    set: fc.option(
      fc.uint8Array({ minLength: 1, maxLength: 72 }).map((b) => Buffer.from(b).toString("base64")),
      {
        nil: undefined,
      },
    ),
    proof: fc.option(
      fc.record({
        logIndex: fc.nat(),
        treeSize: fc.nat(),
        rootHash: hex(0, 32),
        hashes: fc.array(hex(0, 32), { maxLength: 4 }),
        checkpoint: fc.string({ minLength: 1, maxLength: 40 }),
      }),
      { nil: undefined },
    ),
  }),
);

describe("toTransparencyLogEntry", () => {
  it("keeps every field of any well-formed answer that has a promise or a proof, as @sigstore/sign converts it", () => {
    fc.assert(
      fc.property(
        answer.filter((a) => a.set !== undefined || a.proof !== undefined),
        (a) => {
          const body = Buffer.from(JSON.stringify({ ...a.body, apiVersion: "0.0.1", kind: a.kind }));
          const verification = { signedEntryTimestamp: a.set, inclusionProof: a.proof };
          const entry = { body: body.toString("base64"), logIndex: a.logIndex, integratedTime: a.integratedTime };
          const tle = toTransparencyLogEntry({ [a.uuid]: { ...entry, logID: a.logID, verification } }, a.kind);
          expect(tle).toEqual({
            logIndex: String(a.logIndex),
            logId: { keyId: Buffer.from(a.logID, "hex") },
            integratedTime: String(a.integratedTime),
            kindVersion: { kind: a.kind, version: "0.0.1" },
            inclusionPromise: a.set === undefined ? undefined : { signedEntryTimestamp: Buffer.from(a.set, "base64") },
            inclusionProof:
              a.proof === undefined
                ? undefined
                : {
                    logIndex: String(a.proof.logIndex),
                    treeSize: String(a.proof.treeSize),
                    rootHash: Buffer.from(a.proof.rootHash, "hex"),
                    hashes: a.proof.hashes.map((h) => Buffer.from(h, "hex")),
                    checkpoint: { envelope: a.proof.checkpoint },
                  },
            canonicalizedBody: body,
          });
        },
      ),
    );
  });

  it("rejects any other JSON value with MalformedEntryError, never another error or an entry", () => {
    fc.assert(
      fc.property(fc.jsonValue(), kind, (value, k) => {
        let thrown: unknown;
        try {
          toTransparencyLogEntry(value, k);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(MalformedEntryError);
      }),
    );
  });
});
