import { crc32 } from "node:zlib";
import { inflateSync } from "fflate";
import { AdvisoryError } from "../errors.js";
import { bufferSource, readDirectory, type ZipEntry, ZipFormatError, type ZipSource } from "./zip-directory.js";

function unreadable(file: string, cause: unknown): AdvisoryError {
  const reason = cause instanceof ZipFormatError ? ` (${cause.message})` : "";
  return new AdvisoryError("DATABASE_UNREADABLE", `${file} is not a readable zip archive${reason}`, {
    location: { file },
    cause,
    hint: "download the database again with `tollgate db update`",
  });
}

const LOCAL = 0x04034b50;
const u16 = (b: Uint8Array, i: number) => (b[i] as number) | ((b[i + 1] as number) << 8);
const text = new TextDecoder();

/** The uncompressed bytes of one entry (stored or deflated), checked against its size and CRC-32. */
function entryBytes(source: ZipSource, entry: ZipEntry): Uint8Array {
  const fail = (why: string) => new ZipFormatError(`entry ${entry.name}: ${why}`);
  if (entry.flags & 1) throw fail("encrypted");
  if (entry.method !== 0 && entry.method !== 8) throw fail(`unsupported compression method ${entry.method}`);
  const header = source.read(entry.offset, 30);
  if (header.byteLength < 30 || u16(header, 0) !== (LOCAL & 0xffff) || u16(header, 2) !== LOCAL >>> 16)
    throw fail("no local file header where the directory says");
  const start = entry.offset + 30 + u16(header, 26) + u16(header, 28);
  const data = source.read(start, entry.compressedSize);
  if (data.byteLength < entry.compressedSize) throw fail("data past the end of the archive (truncated?)");
  let out: Uint8Array;
  if (entry.method === 0) out = data;
  else {
    try {
      // One byte of room more than the directory says, so a longer stream shows as a size mismatch.
      out = inflateSync(data, { out: new Uint8Array(entry.size + 1) });
    } catch (cause) {
      throw fail(`cannot inflate: ${(cause as Error).message}`);
    }
  }
  if (out.byteLength > entry.size) throw fail(`inflates to more than the ${entry.size} bytes the directory says`);
  if (out.byteLength < entry.size) throw fail(`${out.byteLength} bytes, the directory says ${entry.size}`);
  if (crc32(out) >>> 0 !== entry.crc) throw fail("CRC-32 mismatch");
  return out;
}

/**
 * The `.json` entries of an OSV `all.zip`, by entry name in name order, read from the
 * central directory and inflated one at a time, so neither the archive's records nor
 * (with a file source) the archive itself sit in memory whole. Each entry's size and
 * CRC-32 are checked; an unreadable archive or entry is DATABASE_UNREADABLE.
 */
export function* zipEntries(archive: Uint8Array | ZipSource, file: string): Generator<[string, string]> {
  const source = archive instanceof Uint8Array ? bufferSource(archive) : archive;
  let entries: ZipEntry[];
  try {
    entries = readDirectory(source).filter((e) => e.name.endsWith(".json"));
  } catch (cause) {
    throw unreadable(file, cause);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    let bytes: Uint8Array;
    try {
      bytes = entryBytes(source, entry);
    } catch (cause) {
      throw unreadable(file, cause);
    }
    yield [entry.name, text.decode(bytes)];
  }
}

/** Checks every `.json` entry of an archive and counts them, holding one entry at a time. */
export function countZipEntries(archive: Uint8Array | ZipSource, file: string): number {
  let count = 0;
  for (const _ of zipEntries(archive, file)) count++;
  return count;
}

/** All `.json` entries of an archive at once (small archives; see zipEntries). */
export function readZipEntries(archive: Uint8Array | ZipSource, file: string): Array<[string, string]> {
  return [...zipEntries(archive, file)];
}
