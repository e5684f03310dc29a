/** How the bytes of a file are turned into text for scanning. */
export type TextEncoding = "latin1" | "utf-16le" | "utf-16be";

/**
 * Picks the encoding from the first bytes: a UTF-16 byte-order mark, or the
 * zero bytes every other position that UTF-16 gives ASCII text. Everything
 * else is read byte-for-byte as latin1: credentials are ASCII, so UTF-8 text,
 * invalid UTF-8 and the printable strings inside binaries are all scanned
 * without a decoding step that could fail or drop bytes.
 */
export function sniffEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  const n = Math.min(head.length, 256) & ~1;
  if (n < 16) return "latin1";
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZero++;
    if (head[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.7 && evenZero <= pairs * 0.1) return "utf-16le";
  if (evenZero >= pairs * 0.7 && oddZero <= pairs * 0.1) return "utf-16be";
  return "latin1";
}

/** A streaming bytes → text decoder for one encoding. */
export function textDecoder(encoding: TextEncoding): (bytes: Uint8Array, last: boolean) => string {
  if (encoding === "latin1")
    return (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const decoder = new TextDecoder(encoding, { fatal: false });
  return (bytes, last) => decoder.decode(bytes, { stream: !last });
}
