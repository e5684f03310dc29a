import { opendir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import picomatch from "picomatch";
import { InventoryError } from "./errors.js";

/** Directories never descended into: installed or vendored code, VCS metadata, build output. */
export const SKIPPED_DIRECTORIES: readonly string[] = [
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  "bower_components",
  "jspm_packages",
  "vendor",
  ".venv",
  "venv",
  "__pycache__",
  ".tox",
  ".yarn",
  ".pnpm-store",
  "target",
];

export interface DiscoverOptions {
  /** Globs (relative to the root, picomatch syntax) of paths to leave out. */
  exclude?: string[];
  /** How deep to descend below the root (default 32), a guard against symlink loops and huge trees. */
  maxDepth?: number;
  /** Decides which base names are candidates; the readers' own `matches` decides the rest. */
  isCandidate: (basename: string) => boolean;
}

/** A file found by discover, with its path relative to the root (always `/`-separated). */
export interface FoundFile {
  path: string;
  relativePath: string;
}

/**
 * Walks `root` for candidate lockfiles, skipping SKIPPED_DIRECTORIES and excluded globs.
 * Symbolic links are not followed. Results are sorted by relative path.
 */
export async function discover(root: string, options: DiscoverOptions): Promise<FoundFile[]> {
  const info = await stat(root).catch((cause: unknown) => {
    throw new InventoryError("PATH_NOT_FOUND", `${root} does not exist or cannot be read`, {
      location: { file: root },
      hint: "pass the directory of your project (or a lockfile or SBOM file)",
      cause,
    });
  });
  if (!info.isDirectory()) return [{ path: root, relativePath: root.split(sep).pop() ?? root }];
  const excluded =
    options.exclude && options.exclude.length > 0 ? picomatch(options.exclude, { dot: true }) : () => false;
  const maxDepth = options.maxDepth ?? 32;
  const found: FoundFile[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    const handle = await opendir(dir).catch((cause: unknown) => {
      throw new InventoryError("READ_FAILED", `cannot list directory ${dir}`, { location: { file: dir }, cause });
    });
    for await (const entry of handle) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join("/");
      if (excluded(rel)) continue;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.includes(entry.name) || depth >= maxDepth) continue;
        await walk(full, depth + 1);
      } else if (entry.isFile() && options.isCandidate(entry.name)) {
        found.push({ path: full, relativePath: rel });
      }
    }
  };
  await walk(root, 0);
  return found.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}
