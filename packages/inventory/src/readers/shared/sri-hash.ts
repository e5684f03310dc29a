import type { Hash, HashAlgorithm } from "../../model.js";

const SRI_ALGORITHMS: Record<string, { alg: HashAlgorithm; bytes: number }> = {
  md5: { alg: "MD5", bytes: 16 },
  sha1: { alg: "SHA-1", bytes: 20 },
  sha256: { alg: "SHA-256", bytes: 32 },
  sha384: { alg: "SHA-384", bytes: 48 },
  sha512: { alg: "SHA-512", bytes: 64 },
};

const HEX = /^[0-9a-fA-F]+$/;

/** Lower-case hex of a canonical base64 string, or undefined; decoding and re-encoding checks it faster than a regex. */
function base64ToHex(text: string): string | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.length > 0 && bytes.toString("base64") === text ? bytes.toString("hex") : undefined;
}

/**
 * The hashes of a Subresource Integrity string (`sha512-<base64> sha1-<base64>`), each as
 * its algorithm and lower-case hex digest. Entries with an unknown algorithm or a digest of
 * the wrong length are left out rather than guessed.
 */
export function sriToHashes(integrity: string): Hash[] {
  const hashes: Hash[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const dash = token.indexOf("-");
    if (dash <= 0) continue;
    const known = SRI_ALGORITHMS[token.slice(0, dash).toLowerCase()];
    const digest = token.slice(dash + 1).split("?")[0] ?? "";
    const hex = known ? base64ToHex(digest) : undefined;
    if (!known || hex === undefined || hex.length !== known.bytes * 2) continue;
    const hash = { alg: known.alg, content: hex };
    if (!hashes.some((h) => h.alg === hash.alg && h.content === hash.content)) hashes.push(hash);
  }
  return hashes;
}

/** A hex digest whose length tells its algorithm (yarn's `#<sha1>` URL fragment), or undefined. */
export function hexToHash(hex: string): Hash | undefined {
  if (!HEX.test(hex)) return undefined;
  for (const { alg, bytes } of Object.values(SRI_ALGORITHMS)) {
    if (hex.length === bytes * 2 && alg !== "MD5") return { alg, content: hex.toLowerCase() };
  }
  return undefined;
}
