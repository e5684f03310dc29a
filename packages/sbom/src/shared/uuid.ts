import { createHash } from "node:crypto";

/** The namespace of Tollgate's name-based UUIDs (fixed forever: changing it changes every serial number). */
const TOLLGATE_NAMESPACE = "5b0e4c1e-6f6a-4c3b-9a57-2f1d7b9e3c10";

/** An RFC 9562 version-5 UUID of `name` in Tollgate's namespace. */
export function uuidV5(name: string, namespace: string = TOLLGATE_NAMESPACE): string {
  const ns = Buffer.from(namespace.replaceAll("-", ""), "hex");
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A UUIDv5 of the SHA-256 digest of a document's text: same content, same id. */
export function contentUuid(text: string): string {
  return uuidV5(`sha256:${createHash("sha256").update(text, "utf8").digest("hex")}`);
}
