import { PassThrough, pipeline, Readable, type Transform } from "node:stream";
import unbzip2 from "unbzip2-stream";
import type { ByteSource } from "./byte-source.js";

/**
 * A streaming bzip2 decoder. unbzip2-stream (pure JS, no native code) is used
 * because Node's zlib has no bzip2; it decodes block by block, so memory stays
 * bounded by the 900 kB bzip2 block size. Its output is an old-style stream,
 * so it is piped into a PassThrough to be read with `for await`.
 */
export function bunzip2(source: ByteSource, counter: { in: number }): Readable {
  const input = Readable.from(
    (async function* () {
      for await (const chunk of source) {
        counter.in += chunk.byteLength;
        yield chunk;
      }
    })(),
  );
  const out = new PassThrough();
  pipeline(input, unbzip2() as unknown as Transform, out, (error) => {
    if (error) out.destroy(error);
  });
  return out;
}
