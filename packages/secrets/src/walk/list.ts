import { type Dirent, readdirSync, realpathSync, type Stats, statSync } from "node:fs";
import { basename, resolve, sep } from "node:path";
import { SecretsError } from "../errors.js";
import type { Unscanned } from "./limits.js";
import { describe } from "./scan-source.js";

/** One file to scan: where it is and how it is named in the report. */
export interface FileTask {
  path: string;
  name: string;
}

/** Files handed to `emit` at a time while a directory tree is listed. */
const BATCH = 256;

/** Where a symlink leads, undefined when it leads nowhere. */
function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** Stats of a path given by the user; a SecretsError naming it when it does not exist. */
function statGiven(abs: string, given: string): Stats {
  try {
    return statSync(abs);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    throw new SecretsError(
      "SECRETS_PATH_NOT_FOUND",
      `cannot scan ${given}: ${error.code === "ENOENT" ? "no such file or directory" : error.message}`,
      { location: { file: given }, hint: "pass existing files or directories to tollgate scan" },
    );
  }
}

/**
 * Lists the files under the given paths and hands them to `emit` in batches as the directories are
 * read, so that scanning starts before the listing ends. A directory's files come before those of
 * its subdirectories (breadth first): the shallow files of a release (bundles, tarballs, the
 * large ones) are listed, and scanned, first. A file argument is named by its base name, files
 * under a directory argument relative to it. Symlinks are not followed: one that points inside
 * the directory is covered by its target; one that points outside (or nowhere) is reported as
 * `unscanned`, as is a directory that cannot be listed.
 */
export function walkFiles(paths: string[], cwd: string, emit: (tasks: FileTask[]) => void): Unscanned[] {
  const unscanned: Unscanned[] = [];
  let batch: FileTask[] = [];
  const add = (task: FileTask): void => {
    batch.push(task);
    if (batch.length >= BATCH) {
      emit(batch);
      batch = [];
    }
  };
  for (const given of paths) {
    const abs = resolve(cwd, given);
    // Synchronous calls: they list the bench tree's 23,500 files in ~150 ms instead of ~350 ms with one await per call.
    if (!statGiven(abs, given).isDirectory()) {
      add({ path: abs, name: basename(abs) });
      continue;
    }
    const root = realpathSync(abs);
    // Directories to list (a queue), with their names relative to `abs` ("" for `abs` itself):
    // paths and names are built by appending, without resolving a relative path per file.
    const queue: Array<[string, string]> = [[abs, ""]];
    for (let head = 0; head < queue.length; head++) {
      const [dir, dirName] = queue[head] as [string, string];
      queue[head] = ["", ""];
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        unscanned.push({
          file: dirName || ".",
          reason: "unreadable",
          detail: `cannot list directory: ${describe(error)}`,
        });
        continue;
      }
      const prefix = dir.endsWith(sep) ? dir : dir + sep;
      for (const entry of entries) {
        const full = prefix + entry.name;
        const name = dirName === "" ? entry.name : `${dirName}/${entry.name}`;
        if (entry.isDirectory()) queue.push([full, name]);
        else if (entry.isFile()) add({ path: full, name });
        else if (entry.isSymbolicLink()) {
          const target = realTarget(full);
          if (target === undefined) unscanned.push({ file: name, reason: "symlink", detail: "dangling symlink" });
          else if (target !== root && !target.startsWith(root + sep)) {
            unscanned.push({
              file: name,
              reason: "symlink",
              detail: "points outside the scanned directory; not followed",
            });
          }
        }
      }
    }
  }
  if (batch.length > 0) emit(batch);
  return unscanned;
}

/** The files under the given paths (see walkFiles), sorted by name. */
export function listFiles(paths: string[], cwd: string): { tasks: FileTask[]; unscanned: Unscanned[] } {
  const tasks: FileTask[] = [];
  const unscanned = walkFiles(paths, cwd, (batch) => {
    for (const task of batch) tasks.push(task);
  });
  tasks.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { tasks, unscanned };
}
