import { readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import picomatch from "picomatch";
import { SKIPPED_DIRECTORIES } from "../../discover.js";
import type { LockfileInput } from "../../reader.js";
import { type JsManifest, readJsManifest } from "../shared/js-manifest.js";

/** A workspace found from the root manifest's globs. */
export interface ClassicWorkspace {
  path: string;
  manifest: JsManifest;
}

const MAX_DEPTH = 6;

/**
 * Finds the workspaces of a yarn classic project: yarn.lock does not list them, so the
 * directories matching package.json `workspaces` globs that hold a package.json are read.
 */
export async function findWorkspaces(input: LockfileInput, globs: string[]): Promise<ClassicWorkspace[]> {
  if (globs.length === 0) return [];
  const isMatch = picomatch(globs.map((g) => g.replace(/^\.\//, "").replace(/\/$/, "")));
  const root = dirname(input.path);
  const found: string[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    const entries = await readdir(join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED_DIRECTORIES.includes(entry.name)) continue;
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (isMatch(path)) found.push(path);
      await walk(path, depth + 1);
    }
  };
  await walk("", 1);
  const workspaces: ClassicWorkspace[] = [];
  for (const path of found.sort()) {
    const manifest = await readJsManifest(input, `${path}/package.json`).catch(() => undefined);
    if (manifest?.name) workspaces.push({ path, manifest });
  }
  return workspaces;
}
