import { Readable } from "node:stream";
import { XzReadableStream } from "xz-decompress";
import type { ByteSource } from "./byte-source.js";

/**
 * A streaming xz decoder. xz-decompress runs xz-embedded compiled to
 * WebAssembly (no native build step) and decodes incrementally.
 */
export async function unxz(source: ByteSource, counter: { in: number }): Promise<ReadableStream<Uint8Array>> {
  const counted = Readable.from(
    (async function* () {
      for await (const chunk of source) {
        counter.in += chunk.byteLength;
        yield chunk;
      }
    })(),
  );
  return new XzReadableStream(Readable.toWeb(counted) as ReadableStream<Uint8Array>);
}
