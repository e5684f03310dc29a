import { Readable, type Transform } from "node:stream";

/** Bytes as they arrive from a file, an archive member or a decompressor. */
export type ByteSource = AsyncIterable<Uint8Array>;

/** The first `n` bytes (fewer at end of input) and the whole source again, head included. */
export async function peek(
  source: ByteSource,
  n: number,
): Promise<{ head: Buffer; all: ByteSource; close: () => Promise<void> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    chunks.push(chunk);
    size += chunk.length;
  }
  const head = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  async function* all(): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const close = async (): Promise<void> => {
    if (!done) await iterator.return?.();
  };
  return { head: head.subarray(0, n), all: all(), close };
}

/** Pipes `source` through a Node transform (a decompressor), counting the bytes that go in. */
export function through(source: ByteSource, transform: Transform, counter: { in: number }): Readable {
  const input = Readable.from(
    (async function* () {
      for await (const chunk of source) {
        counter.in += chunk.byteLength;
        yield chunk;
      }
    })(),
    { objectMode: false },
  );
  input.on("error", (error) => transform.destroy(error));
  transform.on("close", () => input.destroy());
  return input.pipe(transform);
}

/** Wraps a web stream (the xz decoder's output) as a ByteSource. */
export function fromWeb(stream: ReadableStream<Uint8Array>): ByteSource {
  return stream as unknown as ByteSource;
}

/** The kind of container a stream holds, from its magic bytes. */
export type ContainerKind = "zip" | "gzip" | "bzip2" | "xz" | "tar" | "file";

/** Recognises zip (and jar/whl/…), gzip, bzip2, xz and tar by their magic bytes, whatever the name. */
export function sniffContainer(head: Uint8Array): ContainerKind {
  const b = head;
  if (b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6)) return "zip";
  if (b[0] === 0x1f && b[1] === 0x8b) return "gzip";
  if (b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68 && b[4] === 0x31 && b[5] === 0x41 && b[6] === 0x59)
    return "bzip2";
  if (b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a && b[5] === 0) return "xz";
  if (b.length >= 262 && Buffer.from(b.subarray(257, 262)).toString("latin1") === "ustar") return "tar";
  return "file";
}

/** A ByteSource of bytes already in memory. */
export async function* fromBuffer(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
