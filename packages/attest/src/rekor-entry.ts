/**
 * Rekor v1 entries, ported from @sigstore/sign 5.1.0 (dist/witness/tlog/entry.js and index.js, Apache-2.0), which
 * does not export them: the proposed `hashedrekord` / `dsse` entry for a bundle's content, and the conversion of
 * Rekor's answer into the bundle's TransparencyLogEntry, byte for byte what RekorWitness produces. Unlike the
 * original, the answer is checked field by field, so a malformed one fails closed with what is wrong.
 */
import { envelopeToJSON, type TransparencyLogEntry } from "@sigstore/bundle";
import type { Witness } from "@sigstore/sign";

/** The content a witness testifies to: a message signature or a DSSE envelope. */
export type SignatureContent = Parameters<Witness["testify"]>[0];

/** A proposed Rekor v1 entry, as POSTed to /api/v1/log/entries. */
export interface ProposedEntry {
  apiVersion: "0.0.1";
  kind: "hashedrekord" | "dsse";
  spec: Record<string, unknown>;
}

/** Base64 of the key or certificate PEM, as Rekor expects it; the same PEM for every artifact of a session. */
const encodedKeys = new Map<string, string>();
function encodeKey(publicKey: string): string {
  let encoded = encodedKeys.get(publicKey);
  if (encoded === undefined) {
    encoded = Buffer.from(publicKey, "utf8").toString("base64");
    if (encodedKeys.size > 16) encodedKeys.clear();
    encodedKeys.set(publicKey, encoded);
  }
  return encoded;
}

/** The proposed entry: `hashedrekord` for a message signature, `dsse` for a DSSE envelope (entryType "dsse"). */
export function toProposedEntry(content: SignatureContent, publicKey: string): ProposedEntry {
  if (content.$case === "messageSignature") {
    const { messageDigest, signature } = content.messageSignature;
    return {
      apiVersion: "0.0.1",
      kind: "hashedrekord",
      spec: {
        data: { hash: { algorithm: "sha256", value: Buffer.from(messageDigest?.digest ?? []).toString("hex") } },
        signature: { content: Buffer.from(signature).toString("base64"), publicKey: { content: encodeKey(publicKey) } },
      },
    };
  }
  return {
    apiVersion: "0.0.1",
    kind: "dsse",
    spec: {
      proposedContent: {
        envelope: JSON.stringify(envelopeToJSON(content.dsseEnvelope)),
        verifiers: [encodeKey(publicKey)],
      },
    },
  };
}

/** A Rekor answer that is not a well-formed v1 log entry; `reason` says which field is wrong. */
export class MalformedEntryError extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const HEX = /^(?:[0-9a-f]{2})*$/i;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function field<T>(object: Json, name: string, check: (value: unknown) => value is T, what: string): T {
  const value = object[name];
  if (!check(value)) throw new MalformedEntryError(`${name} is ${describe(value)}, not ${what}`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "string") return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : String(value);
}

const isIndex = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isHex = (v: unknown): v is string => typeof v === "string" && HEX.test(v);
const isBase64 = (v: unknown): v is string => typeof v === "string" && v.length > 0 && BASE64.test(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;

/**
 * The bundle's log entry for Rekor's answer `{ "<uuid>": entry }` to a proposed entry of `kind`; throws
 * MalformedEntryError unless it is one entry with every field well-formed, an inclusion promise or proof, and a
 * body of the kind proposed.
 */
export function toTransparencyLogEntry(answer: unknown, kind: ProposedEntry["kind"]): TransparencyLogEntry {
  if (!isObject(answer)) throw new MalformedEntryError(`the answer is ${describe(answer)}, not an object`);
  const entries = Object.values(answer);
  if (entries.length !== 1) throw new MalformedEntryError(`the answer holds ${entries.length} entries, not 1`);
  const entry = entries[0];
  if (!isObject(entry)) throw new MalformedEntryError(`the entry is ${describe(entry)}, not an object`);
  // Not matched against a base64 pattern (a fifth of the cost of an entry): decoded, it must be the JSON of
  // an entry of the kind proposed, and verifiers check these very bytes against the signature.
  const body = field(entry, "body", isText, "base64");
  const logIndex = field(entry, "logIndex", isIndex, "a log index");
  const integratedTime = field(entry, "integratedTime", isIndex, "a time in seconds");
  const logID = field(entry, "logID", (v): v is string => isHex(v) && v.length > 0, "hex");
  const canonicalizedBody = Buffer.from(body, "base64");
  let entryBody: unknown;
  try {
    entryBody = JSON.parse(canonicalizedBody.toString("utf8"));
  } catch {
    throw new MalformedEntryError("body is not the base64 of a JSON entry");
  }
  if (!isObject(entryBody) || typeof entryBody.apiVersion !== "string" || entryBody.kind !== kind) {
    throw new MalformedEntryError(`body is not a ${kind} entry`);
  }
  const verification = entry.verification === undefined ? {} : entry.verification;
  if (!isObject(verification)) throw new MalformedEntryError(`verification is ${describe(verification)}`);
  const set = verification.signedEntryTimestamp;
  if (set !== undefined && !isBase64(set)) throw new MalformedEntryError(`signedEntryTimestamp is ${describe(set)}`);
  const proof = verification.inclusionProof === undefined ? undefined : inclusionProof(verification.inclusionProof);
  if (set === undefined && proof === undefined) {
    throw new MalformedEntryError("the entry has neither an inclusion promise nor an inclusion proof");
  }
  return {
    logIndex: logIndex.toString(),
    logId: { keyId: Buffer.from(logID, "hex") },
    integratedTime: integratedTime.toString(),
    kindVersion: { kind, version: entryBody.apiVersion },
    inclusionPromise: set === undefined ? undefined : { signedEntryTimestamp: Buffer.from(set, "base64") },
    inclusionProof: proof,
    canonicalizedBody,
  };
}

function inclusionProof(proof: unknown): TransparencyLogEntry["inclusionProof"] {
  if (!isObject(proof)) throw new MalformedEntryError(`inclusionProof is ${describe(proof)}, not an object`);
  const hashes = field(proof, "hashes", (v): v is unknown[] => Array.isArray(v), "an array");
  if (!hashes.every(isHex)) throw new MalformedEntryError("inclusionProof.hashes are not all hex");
  return {
    logIndex: field(proof, "logIndex", isIndex, "a log index").toString(),
    treeSize: field(proof, "treeSize", isIndex, "a tree size").toString(),
    rootHash: Buffer.from(field(proof, "rootHash", isHex, "hex"), "hex"),
    hashes: hashes.map((h) => Buffer.from(h, "hex")),
    checkpoint: { envelope: field(proof, "checkpoint", isText, "a checkpoint") },
  };
}
