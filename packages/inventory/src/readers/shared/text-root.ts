import { basename, dirname } from "node:path";
import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { Ecosystem } from "../../model.js";
import type { LockfileInput } from "../../reader.js";

/** The name of the directory holding the lockfile, the root's name when no manifest names it. */
export function directoryName(input: LockfileInput): string {
  return basename(dirname(input.path)) || "project";
}

/** Adds the project root component of a lockfile (role `root`) and returns its id. */
export function addProjectRoot(
  graph: GraphBuilder,
  input: LockfileInput,
  ecosystem: Ecosystem,
  name: string | undefined,
  version: string | undefined,
): string {
  return graph.addComponent({
    ecosystem,
    name: name && name.length > 0 ? name : directoryName(input),
    version: version ?? "",
    role: "root",
    location: { file: input.relativePath },
  });
}

/** The LOCKFILE_VERSION error for a version a reader does not know, naming the supported ones. */
export function unsupportedVersion(
  input: LockfileInput,
  found: unknown,
  supported: string,
  hint: string,
  line?: number,
): InventoryError {
  return new InventoryError(
    "LOCKFILE_VERSION",
    `${input.relativePath} has version ${JSON.stringify(found)}, which Tollgate does not read; supported: ${supported}`,
    { location: line === undefined ? { file: input.relativePath } : { file: input.relativePath, line }, hint },
  );
}

/** The path of a file beside the lockfile as messages show it (relative, `/`-separated). */
export function siblingPath(input: LockfileInput, name: string): string {
  const at = input.relativePath.lastIndexOf("/");
  return at === -1 ? name : `${input.relativePath.slice(0, at + 1)}${name}`;
}
