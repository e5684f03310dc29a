import type { Transform } from "node:stream";
import unbzip2 from "unbzip2-stream";

/**
 * A streaming bzip2 decoder. unbzip2-stream (pure JS, no native code) is used
 * because Node's zlib has no bzip2; it decodes block by block, so memory stays
 * bounded by the 900 kB bzip2 block size.
 */
export function bunzip2(): Transform {
  return unbzip2() as unknown as Transform;
}
