import { createHash } from "node:crypto";
import { type FileHandle, open } from "node:fs/promises";
import type { Signature } from "@sigstore/sign";
import type { ChunkSigner } from "./cached-signer.js";
import { readFailed } from "./digest.js";

/** Bytes read at a time: large artifacts are never held whole in memory. */
const CHUNK_BYTES = 256 * 1024;
/** Read buffers kept for reuse (hash and signer copy what they are given), so 1,000 artifacts do not allocate 1,000. */
const spare: Buffer[] = [];
const MAX_SPARE = 16;

/**
 * Reads a file once, in chunks, into both its sha256 and the signer's signature, so the digest and the
 * signature are over the very same bytes (a file rewritten meanwhile cannot split them); unreadable → named error.
 */
export async function digestAndSignFile(
  path: string,
  signer: ChunkSigner,
): Promise<{ digest: Buffer; signature: Signature }> {
  const hash = createHash("sha256");
  let handle: FileHandle | undefined;
  const buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    handle = await open(path, "r");
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      signer.update(chunk);
      // A short read of a regular file is its end: spares small artifacts a second trip to the thread pool.
      if (bytesRead < CHUNK_BYTES) break;
    }
  } catch (cause) {
    throw readFailed(path, cause);
  } finally {
    if (spare.length < MAX_SPARE) spare.push(buffer);
    await handle?.close();
  }
  return { digest: hash.digest(), signature: await signer.finish() };
}
