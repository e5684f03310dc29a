import { basename } from "node:path";
import { createGunzip } from "node:zlib";
import { StreamScanner } from "../content/stream-scanner.js";
import { type ByteSource, fromWeb, peek, sniffContainer, through } from "./byte-source.js";
import type { WalkContext } from "./context.js";
import { scanTar } from "./tar.js";
import { scanZipBuffer } from "./zip.js";

/** Describes an error for an `unscanned` record without any content of the file. */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Scans one byte stream named `name`: an archive is opened and its members
 * scanned recursively (names joined with `!`), anything else is scanned as
 * text. `depth` counts the archive levels above this stream.
 */
export async function scanSource(name: string, source: ByteSource, depth: number, ctx: WalkContext): Promise<void> {
  const { head, all, close } = await peek(source, 512);
  const kind = sniffContainer(head);
  if (kind !== "file" && depth >= ctx.limits.maxDepth) {
    await close();
    ctx.report.unscanned({
      file: name,
      reason: "max-depth",
      detail: `${kind} archive nested deeper than ${ctx.limits.maxDepth} levels`,
    });
    return;
  }
  try {
    switch (kind) {
      case "file":
        return await scanText(name, all, ctx);
      case "tar":
        ctx.report.archive();
        return await scanTar(name, all, depth + 1, ctx);
      case "zip":
        ctx.report.archive();
        return await scanZipBuffer(name, all, depth + 1, ctx);
      default:
        ctx.report.archive();
        return await scanCompressed(name, kind, all, depth + 1, ctx);
    }
  } finally {
    await close();
  }
}

async function scanCompressed(
  name: string,
  kind: "gzip" | "bzip2" | "xz",
  source: ByteSource,
  depth: number,
  ctx: WalkContext,
): Promise<void> {
  const counter = { in: 0 };
  let output: ByteSource;
  if (kind === "gzip") output = through(source, createGunzip(), counter);
  else if (kind === "bzip2") output = (await import("./bzip2.js")).bunzip2(source, counter);
  else output = fromWeb(await (await import("./xz.js")).unxz(source, counter));
  let out = 0;
  let stopped = false;
  async function* guarded(): AsyncGenerator<Uint8Array> {
    for await (const chunk of output) {
      out += chunk.byteLength;
      if (out > 1024 * 1024 && out > ctx.limits.maxRatio * Math.max(counter.in, 1)) {
        stopped = true;
        ctx.report.unscanned({
          file: name,
          reason: "max-ratio",
          detail: `${kind} stream expands more than ${ctx.limits.maxRatio}x (${counter.in} bytes in, ${out} out)`,
        });
        return;
      }
      yield chunk;
    }
  }
  try {
    // Inside a compressed stream: a tar lists members under this name; a plain file is named without its extension.
    const inner = await peek(guarded(), 512);
    const innerKind = sniffContainer(inner.head);
    if (innerKind === "tar") await scanTar(name, inner.all, depth, ctx);
    else
      await scanSource(
        `${name}!${basename(name.split("!").pop() ?? name).replace(/\.(?:gz|tgz|bz2|xz)$/i, "") || "data"}`,
        inner.all,
        depth,
        ctx,
      );
  } catch (error) {
    if (!stopped)
      ctx.report.unscanned({ file: name, reason: "corrupt", detail: `${kind} stream is broken: ${describe(error)}` });
  }
}

/**
 * Feeds one chunk of a text to the scanner after checking the single-file and total byte limits
 * (`bytes` already fed); false, with the file reported as cut short, when a limit stops it.
 */
function feed(
  name: string,
  scanner: StreamScanner,
  chunk: Uint8Array,
  bytes: number,
  ctx: WalkContext,
  reused = false,
): boolean {
  if (bytes + chunk.byteLength > ctx.limits.maxFileBytes) {
    ctx.report.unscanned({
      file: name,
      reason: "max-file-bytes",
      detail: `larger than ${ctx.limits.maxFileBytes} bytes; scanned the first ${bytes}`,
    });
    return false;
  }
  if (ctx.addBytes(chunk.byteLength) > ctx.limits.maxTotalBytes) {
    ctx.report.unscanned({
      file: name,
      reason: "max-total-bytes",
      detail: `the scan passed ${ctx.limits.maxTotalBytes} bytes in total; scanned the first ${bytes} of this file`,
    });
    return false;
  }
  scanner.write(chunk, reused);
  return true;
}

function finish(name: string, scanner: StreamScanner, bytes: number, ctx: WalkContext): void {
  for (const finding of scanner.end()) ctx.report.finding(name, finding);
  ctx.report.scanned(bytes);
}

/** Scans a file or member as text, enforcing the single-file and total byte limits. */
export async function scanText(name: string, source: ByteSource, ctx: WalkContext): Promise<void> {
  const scanner = new StreamScanner(ctx.analyze);
  let bytes = 0;
  for await (const chunk of source) {
    if (!feed(name, scanner, chunk, bytes, ctx)) break;
    bytes += chunk.byteLength;
  }
  finish(name, scanner, bytes, ctx);
}

/**
 * `scanText` of chunks read synchronously, each into the buffer of the one before (the scanner
 * copies what it keeps): a large file on disk, read without a stream and without fresh buffers.
 * The thread's event loop gets a turn between chunks (the main thread hands out work to the
 * scan workers meanwhile).
 */
export async function scanTextChunks(name: string, chunks: Iterable<Uint8Array>, ctx: WalkContext): Promise<void> {
  const scanner = new StreamScanner(ctx.analyze);
  let bytes = 0;
  for (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    if (!feed(name, scanner, chunk, bytes, ctx, true)) break;
    bytes += chunk.byteLength;
    await new Promise((resolveTurn) => setImmediate(resolveTurn));
  }
  finish(name, scanner, bytes, ctx);
}

/** `scanText` of a text already in memory, in one synchronous step. */
export function scanTextBytes(name: string, text: Uint8Array, ctx: WalkContext): void {
  const scanner = new StreamScanner(ctx.analyze);
  const fed = text.byteLength > 0 && feed(name, scanner, text, 0, ctx) ? text.byteLength : 0;
  finish(name, scanner, fed, ctx);
}
