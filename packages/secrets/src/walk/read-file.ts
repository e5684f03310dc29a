import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** Files up to this size are read in one call; larger ones are read in chunks of this size. */
export const SMALL_FILE = 4 * 1024 * 1024;

/**
 * Opened without following a symlink and without waiting on a FIFO: a path that stopped being a
 * regular file after it was listed is recognised by the descriptor, with no separate lstat.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** An open regular file: its descriptor and its size when it was opened. */
export interface OpenFile {
  fd: number;
  size: number;
}

/** Opens `path` when it is (still) a regular file; undefined when it is a symlink, directory, FIFO, … */
export function openRegularFile(path: string): OpenFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOOP") return undefined; // a symlink now
    throw error;
  }
  try {
    const info = fstatSync(fd);
    if (info.isFile()) return { fd, size: info.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  closeSync(fd);
  return undefined;
}

let readBuffer = Buffer.alloc(64 * 1024);

/**
 * Reads a whole small file into a buffer reused from file to file (each thread scans one file at
 * a time, and nothing keeps the bytes once the file is scanned), so reading thousands of files
 * does not churn the allocator. The bytes stay valid until the next read.
 */
export function readSmallFile(file: OpenFile): Buffer {
  if (readBuffer.length < file.size + 1) readBuffer = Buffer.alloc(Math.max(file.size + 1, readBuffer.length * 2));
  let total = 0;
  for (;;) {
    const want = readBuffer.length - total;
    const n = readSync(file.fd, readBuffer, total, want, total);
    total += n;
    // A regular file gives fewer bytes than asked only at its end: no extra read to see end of file.
    if (n === 0 || n < want) break;
  }
  if (total > file.size) throw Object.assign(new Error("the file grew during the scan"), { code: "EAGAIN" });
  return readBuffer.subarray(0, total);
}

/** Fills readBuffer[0, want) from `position` of the file; fewer bytes only at its end. */
function readInto(fd: number, position: number, want: number): number {
  let total = 0;
  while (total < want) {
    const n = readSync(fd, readBuffer, total, want - total, position + total);
    if (n === 0) break;
    total += n;
  }
  return total;
}

/** The first SMALL_FILE bytes of a large file, in the reused buffer. */
export function readFirstChunk(file: OpenFile): Buffer {
  if (readBuffer.length < SMALL_FILE) readBuffer = Buffer.alloc(SMALL_FILE);
  return readBuffer.subarray(0, readInto(file.fd, 0, SMALL_FILE));
}

/**
 * The chunks of a large file, SMALL_FILE bytes each, read one after the other into the reused
 * buffer (each overwrites the one before); `first` is the chunk readFirstChunk returned.
 */
export function* fileChunks(file: OpenFile, first: Buffer): Generator<Buffer> {
  let position = 0;
  for (let chunk = first; chunk.length > 0; chunk = readBuffer.subarray(0, readInto(file.fd, position, SMALL_FILE))) {
    yield chunk;
    position += chunk.length;
    if (chunk.length < SMALL_FILE) return;
  }
}
