import type { FileTask } from "../walk/list.js";

/**
 * Listed files as they cross to a worker: their paths and names each joined into one string
 * (NUL, which no file name holds, between them). Two strings are cloned much faster than
 * hundreds of small objects, which held up the listing on the main thread.
 */
export interface PackedTasks {
  paths: string;
  names: string;
}

/** Packs a non-empty batch of listed files. */
export function packTasks(tasks: readonly FileTask[]): PackedTasks {
  return { paths: tasks.map((t) => t.path).join("\0"), names: tasks.map((t) => t.name).join("\0") };
}

/** Appends the files of a packed batch to `into`, in their order. */
export function unpackTasks(packed: PackedTasks, into: FileTask[]): void {
  const paths = packed.paths.split("\0");
  const names = packed.names.split("\0");
  for (let i = 0; i < paths.length; i++) into.push({ path: paths[i] as string, name: names[i] as string });
}
