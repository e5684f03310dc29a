import { closeSync, createReadStream } from "node:fs";
import { type ContainerKind, fromBuffer, sniffContainer } from "./byte-source.js";
import type { WalkContext } from "./context.js";
import type { FileTask } from "./list.js";
import { fileChunks, type OpenFile, openRegularFile, readFirstChunk, readSmallFile, SMALL_FILE } from "./read-file.js";
import { describe, scanSource, scanTextBytes, scanTextChunks } from "./scan-source.js";
import { scanZipFile } from "./zip.js";

/**
 * Scans a file larger than SMALL_FILE: text is read in chunks into the reused buffer and scanned
 * in this thread. Returns the container kind when it is an archive, to be opened again by path.
 */
async function scanLargeText(task: FileTask, file: OpenFile, ctx: WalkContext): Promise<ContainerKind | undefined> {
  const first = readFirstChunk(file);
  const kind = sniffContainer(first);
  if (kind !== "file") return kind;
  await scanTextChunks(task.name, fileChunks(file, first), ctx);
  return undefined;
}

/**
 * Scans one file on disk: a zip is opened by random access, other archives streamed, text read
 * into a reused buffer (whole, or in chunks when large) and scanned in this thread.
 */
export async function scanFile(task: FileTask, ctx: WalkContext): Promise<void> {
  try {
    const file = openRegularFile(task.path);
    if (file === undefined) {
      ctx.report.unscanned({ file: task.name, reason: "unreadable", detail: "no longer a regular file" });
      return;
    }
    let kind: ContainerKind | undefined;
    let small: Buffer | undefined;
    try {
      if (file.size > SMALL_FILE) kind = await scanLargeText(task, file, ctx);
      else {
        small = readSmallFile(file);
        kind = sniffContainer(small);
        // Most files: plain text already in memory, scanned without an async step.
        if (kind === "file") scanTextBytes(task.name, small, ctx);
      }
    } finally {
      closeSync(file.fd);
    }
    if (kind === undefined || kind === "file") return;
    if (kind === "zip" && ctx.limits.maxDepth > 0) {
      ctx.report.archive();
      await scanZipFile(task.name, task.path, 1, ctx);
      return;
    }
    const source = small ? fromBuffer(small) : createReadStream(task.path, { highWaterMark: 1024 * 1024 });
    await scanSource(task.name, source, 0, ctx);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const detail = code === "ENOENT" ? "the file vanished during the scan" : `cannot read: ${describe(error)}`;
    ctx.report.unscanned({ file: task.name, reason: "unreadable", detail });
  }
}
