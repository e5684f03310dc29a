import { createHash } from "node:crypto";
import { closeSync, openSync, read, readSync } from "node:fs";
import type { Signature } from "@sigstore/sign";
import type { ChunkSigner } from "./cached-signer.js";
import { readFailed } from "./digest.js";

/** Bytes read at a time: large artifacts are never held whole in memory. */
const CHUNK_BYTES = 256 * 1024;
/** Read buffers kept for reuse (hash and signer copy what they are given), so 1,000 artifacts do not allocate 1,000. */
const spare: Buffer[] = [];
const MAX_SPARE = 16;

const readAsync = (fd: number, buffer: Buffer): Promise<number> =>
  new Promise((resolve, reject) => {
    read(fd, buffer, 0, CHUNK_BYTES, null, (error, bytesRead) => (error ? reject(error) : resolve(bytesRead)));
  });

/**
 * Reads a file once, in chunks, into both its sha256 and the signer's signature, so the digest and the
 * signature are over the very same bytes (a file rewritten meanwhile cannot split them); unreadable → named error.
 * The open and the first chunk are synchronous: an artifact of up to 256 KiB costs no thread-pool round trip
 * (three of them, a third of the CPU of signing a small file, before), and the hashing that follows is synchronous
 * work anyway; the chunks after the first of a larger file are read asynchronously.
 */
export async function digestAndSignFile(
  path: string,
  signer: ChunkSigner,
): Promise<{ digest: Buffer; signature: Signature }> {
  const hash = createHash("sha256");
  let fd: number | undefined;
  const buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    fd = openSync(path, "r");
    for (let bytesRead = readSync(fd, buffer, 0, CHUNK_BYTES, null); ; bytesRead = await readAsync(fd, buffer)) {
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      signer.update(chunk);
      // A short read of a regular file is its end: spares small artifacts a second read.
      if (bytesRead < CHUNK_BYTES) break;
    }
  } catch (cause) {
    throw readFailed(path, cause);
  } finally {
    if (spare.length < MAX_SPARE) spare.push(buffer);
    if (fd !== undefined) closeSync(fd);
  }
  return { digest: hash.digest(), signature: await signer.finish() };
}
