import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** Random access to an archive's bytes: a buffer in memory, or a file read a window at a time. */
export interface ZipSource {
  readonly size: number;
  /** `length` bytes from `offset` (fewer only past the end); valid until the next read. */
  read(offset: number, length: number): Uint8Array;
}

/** One file of an archive, from its central directory record. */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
}

/** A malformed archive; the caller turns it into the package's own error with the file name. */
export class ZipFormatError extends Error {}

/** An archive held in memory. */
export function bufferSource(bytes: Uint8Array): ZipSource {
  return { size: bytes.byteLength, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/**
 * An open file, read through one reused window of at least `window` bytes, so the header
 * and data of an entry (and neighbouring entries) cost one read and no new allocation.
 */
export function fileSource(path: string, window = 1 << 16): ZipSource & { close(): void } {
  const fd = openSync(path, "r");
  const size = fstatSync(fd).size;
  let buffer = new Uint8Array(window);
  let start = 0;
  let filled = 0;
  return {
    size,
    read(offset, length) {
      const end = Math.min(offset + length, size);
      if (offset < start || end > start + filled) {
        const want = Math.max(end - offset, Math.min(window, size - offset), 0);
        if (want > buffer.byteLength) buffer = new Uint8Array(want);
        filled = 0;
        while (filled < want) {
          const n = readSync(fd, buffer, filled, want - filled, offset + filled);
          if (n === 0) break;
          filled += n;
        }
        start = offset;
      }
      return buffer.subarray(offset - start, Math.max(end - start, offset - start));
    },
    close: () => closeSync(fd),
  };
}

const u16 = (b: Uint8Array, i: number) => (b[i] as number) | ((b[i + 1] as number) << 8);
const u32 = (b: Uint8Array, i: number) => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const MAX_COMMENT = 0xffff;

/** Where the central directory lies and how many records it holds (ZIP64 when the classic record overflows). */
function endOfDirectory(source: ZipSource): { count: number; offset: number; size: number } {
  const tailStart = Math.max(0, source.size - 22 - MAX_COMMENT);
  const tail = source.read(tailStart, source.size - tailStart).slice();
  let at = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (u32(tail, i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError("no end of central directory record");
  let count = u16(tail, at + 10);
  let size = u32(tail, at + 12);
  let offset = u32(tail, at + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locatorAt = tailStart + at - 20;
    const locator = locatorAt >= 0 ? source.read(locatorAt, 20).slice() : new Uint8Array(0);
    if (locator.byteLength < 20 || u32(locator, 0) !== EOCD64_LOCATOR)
      throw new ZipFormatError("a ZIP64 archive without its end of central directory locator");
    const record = source.read(u64(locator, 8), 56).slice();
    if (record.byteLength < 56 || u32(record, 0) !== EOCD64)
      throw new ZipFormatError("no ZIP64 end of central directory record");
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (offset + size > source.size) throw new ZipFormatError("the central directory lies past the end (truncated?)");
  return { count, offset, size };
}

/** Applies the ZIP64 extended information extra field (id 1) to the values the record left at their maximum. */
function zip64Extra(extra: Uint8Array, entry: ZipEntry): void {
  for (let i = 0; i + 4 <= extra.byteLength; ) {
    const id = u16(extra, i);
    const length = u16(extra, i + 2);
    if (id === 1) {
      let at = i + 4;
      const next = () => {
        if (at + 8 > i + 4 + length) throw new ZipFormatError(`entry ${entry.name}: short ZIP64 extra field`);
        const value = u64(extra, at);
        at += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.offset === 0xffffffff) entry.offset = next();
      return;
    }
    i += 4 + length;
  }
}

const utf8 = new TextDecoder();
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

/** The central directory's records, in archive order; names are UTF-8 when flagged so, else Latin-1 (as fflate reads them). */
export function readDirectory(source: ZipSource): ZipEntry[] {
  const { count, offset, size } = endOfDirectory(source);
  const directory = source.read(offset, size).slice();
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.byteLength || u32(directory, at) !== CENTRAL)
      throw new ZipFormatError(`central directory record ${n + 1} of ${count} is damaged`);
    const flags = u16(directory, at + 8);
    const nameLength = u16(directory, at + 28);
    const extraLength = u16(directory, at + 30);
    const commentLength = u16(directory, at + 32);
    const end = at + 46 + nameLength + extraLength + commentLength;
    if (end > directory.byteLength) throw new ZipFormatError(`central directory record ${n + 1} of ${count} is cut`);
    const nameBytes = directory.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: flags & 0x800 ? utf8.decode(nameBytes) : latin1(nameBytes),
      flags,
      method: u16(directory, at + 10),
      crc: u32(directory, at + 16),
      compressedSize: u32(directory, at + 20),
      size: u32(directory, at + 24),
      offset: u32(directory, at + 42),
    };
    zip64Extra(directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at = end;
  }
  return entries;
}
