import yauzl from "yauzl";
import type { ByteSource } from "./byte-source.js";
import { isUnsafeMemberName, type WalkContext } from "./context.js";
import { describe, scanSource } from "./scan-source.js";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Scans every member of an open zip (jar, war, whl, apk, vsix, nupkg …), one stream at a time. */
export async function scanZip(name: string, zip: yauzl.ZipFile, depth: number, ctx: WalkContext): Promise<void> {
  let members = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const member = `${name}!${entry.fileName}`;
      if (entry.fileName.endsWith("/")) continue;
      members++;
      if (members > ctx.limits.maxMembers) {
        ctx.report.unscanned({
          file: name,
          reason: "max-members",
          detail: `more than ${ctx.limits.maxMembers} members; the rest were not scanned`,
        });
        break;
      }
      if (isUnsafeMemberName(entry.fileName)) {
        ctx.report.unscanned({
          file: member,
          reason: "unsafe-path",
          detail: "member name escapes the archive root; scanned in memory, never extracted",
        });
      }
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
        ctx.report.unscanned({ file: member, reason: "symlink", detail: "symlink member not followed" });
        continue;
      }
      if ((entry.generalPurposeBitFlag & 1) !== 0) {
        ctx.report.unscanned({ file: member, reason: "encrypted", detail: "encrypted member cannot be read" });
        continue;
      }
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > 1024 * 1024 && ratio > ctx.limits.maxRatio) {
        ctx.report.unscanned({
          file: member,
          reason: "max-ratio",
          detail: `compression ratio ${Math.round(ratio)} exceeds ${ctx.limits.maxRatio}`,
        });
        continue;
      }
      try {
        await scanSource(member, await zip.openReadStreamPromise(entry), depth, ctx);
      } catch (error) {
        ctx.report.unscanned({ file: member, reason: "corrupt", detail: `could not read member: ${describe(error)}` });
      }
    }
  } catch (error) {
    ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken zip archive: ${describe(error)}` });
  } finally {
    zip.close();
  }
}

/** Opens a zip file on disk by random access (nothing is read into memory up front). */
export async function scanZipFile(name: string, path: string, depth: number, ctx: WalkContext): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (error) {
    ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken zip archive: ${describe(error)}` });
    return;
  }
  await scanZip(name, zip, depth, ctx);
}

/**
 * A zip nested in another archive has no random access, so it is buffered
 * in memory, bounded by the single-file limit, then opened from the buffer.
 */
export async function scanZipBuffer(name: string, source: ByteSource, depth: number, ctx: WalkContext): Promise<void> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.byteLength;
    if (size > ctx.limits.maxFileBytes) {
      ctx.report.unscanned({
        file: name,
        reason: "max-file-bytes",
        detail: `nested zip larger than ${ctx.limits.maxFileBytes} bytes`,
      });
      return;
    }
    chunks.push(chunk);
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.concat(chunks), { lazyEntries: true, strictFileNames: false });
  } catch (error) {
    ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken zip archive: ${describe(error)}` });
    return;
  }
  await scanZip(name, zip, depth, ctx);
}
