import { crc32, inflateRawSync } from "node:zlib";
import yauzl from "yauzl";
import { AdvisoryError } from "../errors.js";

function unreadable(file: string, cause: unknown, entry?: string): AdvisoryError {
  const why = cause instanceof Error ? cause.message : String(cause);
  const reason = entry === undefined ? why : `entry ${entry}: ${why}`;
  return new AdvisoryError("DATABASE_UNREADABLE", `${file} is not a readable zip archive (${reason})`, {
    location: { file },
    cause,
    hint: "download the database again with `tollgate db update`",
  });
}

/** How yauzl reads an archive: one entry at a time, stored sizes checked; the zip file stays open until closed. */
const OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: false, validateEntrySizes: true };

function openArchive(archive: Uint8Array | string): Promise<yauzl.ZipFile> {
  if (typeof archive === "string") return yauzl.openPromise(archive, OPTIONS);
  const bytes = Buffer.isBuffer(archive)
    ? archive
    : Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength);
  return yauzl.fromBufferPromise(bytes, OPTIONS);
}

/** The central directory's `.json` entries (metadata only, no data read), sorted by name. */
async function jsonEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  for await (const entry of zip.eachEntry()) if (entry.fileName.endsWith(".json")) entries.push(entry);
  return entries.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
}

/**
 * The uncompressed bytes of one entry, checked against the directory's size and CRC-32.
 * yauzl finds the entry's data (local header, bounds); the data is read raw and inflated
 * in one synchronous call, which frees zlib's memory at once (an inflate stream per entry,
 * thousands of them, held ~60 MB more until collected).
 */
async function entryBytes(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  if (entry.isEncrypted()) throw new Error("encrypted");
  const method = entry.compressionMethod;
  if (method !== 0 && method !== 8) throw new Error(`unsupported compression method: ${method}`);
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.openReadStreamPromise(entry, { decodeFileData: false }))
    chunks.push(chunk as Buffer);
  let bytes = Buffer.concat(chunks);
  const size = entry.uncompressedSize;
  if (method === 8) {
    try {
      // One byte of room more than the directory says, so a longer stream shows as a size mismatch.
      bytes = inflateRawSync(bytes, { maxOutputLength: size + 1 });
    } catch (cause) {
      if ((cause as { code?: string }).code !== "ERR_BUFFER_TOO_LARGE") throw cause;
      throw new Error(`inflates to more than the ${size} bytes the directory says`);
    }
    if (bytes.byteLength > size) throw new Error(`inflates to more than the ${size} bytes the directory says`);
  }
  if (bytes.byteLength !== size) throw new Error(`${bytes.byteLength} bytes, the directory says ${size}`);
  if (crc32(bytes) >>> 0 !== entry.crc32 >>> 0) throw new Error("CRC-32 mismatch");
  return bytes;
}

const text = new TextDecoder();

/**
 * The `.json` entries of an OSV `all.zip` (a file path, or the archive's bytes), as
 * [entry name, text] in name order, inflated one at a time, so neither the archive's
 * records nor (from a path) the archive itself sit in memory whole. Each entry's size
 * and CRC-32 are checked; an unreadable archive or entry is DATABASE_UNREADABLE.
 */
export async function* zipEntries(archive: Uint8Array | string, file: string): AsyncGenerator<[string, string]> {
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openArchive(archive);
  } catch (cause) {
    throw unreadable(file, cause);
  }
  try {
    try {
      entries = await jsonEntries(zip);
    } catch (cause) {
      throw unreadable(file, cause);
    }
    for (const entry of entries) {
      let bytes: Buffer;
      try {
        bytes = await entryBytes(zip, entry);
      } catch (cause) {
        throw unreadable(file, cause, entry.fileName);
      }
      yield [entry.fileName, text.decode(bytes)];
    }
  } finally {
    zip.close();
  }
}

/** Checks every `.json` entry of an archive and counts them, holding one entry at a time. */
export async function countZipEntries(archive: Uint8Array | string, file: string): Promise<number> {
  let count = 0;
  for await (const _ of zipEntries(archive, file)) count++;
  return count;
}

/** All `.json` entries of an archive at once (small archives; see zipEntries). */
export async function readZipEntries(archive: Uint8Array | string, file: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const entry of zipEntries(archive, file)) out.push(entry);
  return out;
}
