const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3) of an ASCII string. */
export function crc32(text: string): number {
  let c = 0xffffffff;
  for (let i = 0; i < text.length; i++) c = (CRC_TABLE[(c ^ text.charCodeAt(i)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Encodes a number in base62 (0-9A-Za-z), left-padded with zeros to `width`. */
export function base62(value: number, width: number): string {
  let text = "";
  let n = value;
  while (n > 0) {
    text = BASE62[n % 62] + text;
    n = Math.floor(n / 62);
  }
  return text.padStart(width, "0");
}

/**
 * True when a GitHub (ghp_/gho_/ghu_/ghs_/ghr_) or npm (npm_) token carries a
 * valid checksum: the last 6 characters are the base62 CRC-32 of the 30 random
 * characters after the prefix. A random look-alike fails with odds 1 in 62^6.
 */
export function hasValidTokenChecksum(token: string): boolean {
  const underscore = token.indexOf("_");
  const body = token.slice(underscore + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}
