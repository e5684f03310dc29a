import { open, stat } from "node:fs/promises";
import type { DependencyGraph, ReadInventoryOptions } from "@tollgate/inventory";
import { InventoryError, omitScopes, readInventory } from "@tollgate/inventory";
import { readSbom } from "./read-sbom.js";

export interface LoadGraphOptions extends ReadInventoryOptions {
  /** Validate an SBOM against its schema before reading it (default true). */
  validate?: boolean;
}

/**
 * The one entry point of every gate: an SBOM file (CycloneDX or SPDX JSON) is read
 * back with readSbom; anything else (a directory or a lockfile) with readInventory.
 * `omit` and `allowEmpty` apply to both.
 */
export async function loadGraph(path: string, options: LoadGraphOptions = {}): Promise<DependencyGraph> {
  if (!(await isSbomFile(path))) return readInventory(path, options);
  const graph = await readSbom(path, options.validate === undefined ? {} : { validate: options.validate });
  const omitted = options.omit && options.omit.length > 0 ? omitScopes(graph, options.omit) : graph;
  if (!options.allowEmpty && !omitted.components.some((c) => c.role === "dependency")) {
    throw new InventoryError("NO_LOCKFILE", `${path} lists no components Tollgate can audit`, {
      location: { file: path },
      hint: "pass an SBOM with package components (with purls), or --allow-empty if an empty SBOM is expected",
    });
  }
  return omitted;
}

/** True when `path` is a JSON file whose first bytes carry CycloneDX's or SPDX's marker field. */
export async function isSbomFile(path: string): Promise<boolean> {
  if (!path.endsWith(".json")) return false;
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return false;
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    const head = buffer.subarray(0, bytesRead).toString("utf8");
    return /"bomFormat"\s*:\s*"CycloneDX"|"spdxVersion"\s*:/.test(head);
  } finally {
    await handle.close();
  }
}
