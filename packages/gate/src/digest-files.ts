import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { relative, resolve } from "node:path";
import type { DigestedFile } from "./record.js";

/** sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Digests files, naming each relative to `base` with `/` separators. */
export async function digestFiles(paths: readonly string[], base: string): Promise<DigestedFile[]> {
  const out: DigestedFile[] = [];
  for (const path of paths) {
    const full = resolve(base, path);
    out.push({ path: relative(base, full).split("\\").join("/") || full, sha256: await sha256File(full) });
  }
  return out;
}
