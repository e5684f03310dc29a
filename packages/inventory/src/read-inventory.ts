import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { discover, SKIPPED_DIRECTORIES } from "./discover.js";
import { InventoryError } from "./errors.js";
import { GraphBuilder } from "./graph-builder.js";
import type { DependencyGraph, Scope } from "./model.js";
import type { LockfileReader } from "./reader.js";
import { defaultReaders } from "./readers.js";

export interface ReadInventoryOptions {
  /** Scopes to leave out of the graph (e.g. `["development"]` for `--omit dev`). */
  omit?: Scope[];
  /** Globs of paths to leave out, relative to the directory. */
  exclude?: string[];
  /** An empty graph is an error unless this is true (fail closed). */
  allowEmpty?: boolean;
  /** Readers to use instead of the defaults (tests). */
  readers?: LockfileReader[];
}

/** The file names the default readers read, as users know them (for messages). */
const LOCKFILE_NAMES =
  "package-lock.json, npm-shrinkwrap.json, yarn.lock, pnpm-lock.yaml, Cargo.lock, go.mod, poetry.lock, uv.lock, Pipfile.lock, requirements*.txt, Gemfile.lock, composer.lock, gradle.lockfile, packages.lock.json";

/** Reads a file as UTF-8 text without a BOM; unreadable files are InventoryErrors naming the file. */
export async function readText(path: string, shownAs: string = path): Promise<string> {
  const text = await readFile(path, "utf8").catch((cause: unknown) => {
    throw new InventoryError("READ_FAILED", `cannot read ${shownAs}`, { location: { file: shownAs }, cause });
  });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads every lockfile under `path` (or the one file `path` names) into one
 * dependency graph. Fails with NO_LOCKFILE, listing where it looked, when nothing is found.
 */
export async function readInventory(path: string, options: ReadInventoryOptions = {}): Promise<DependencyGraph> {
  const root = resolve(path);
  const readers = options.readers ?? defaultReaders;
  const candidates = await discover(root, {
    exclude: options.exclude ?? [],
    isCandidate: (name) => readers.some((r) => r.matches(name)),
  });
  const builder = new GraphBuilder();
  let read = 0;
  for (const file of candidates) {
    const text = await readText(file.path, file.relativePath);
    const name = basename(file.path);
    const reader = readers.find((r) => r.matches(name, text.slice(0, 4096)));
    if (!reader) continue;
    const outcome = await reader.read(
      {
        path: file.path,
        relativePath: file.relativePath,
        text,
        readSibling: async (sibling) => {
          try {
            return await readText(join(dirname(file.path), sibling));
          } catch {
            return undefined;
          }
        },
      },
      builder,
    );
    if (outcome?.skipped) continue;
    builder.addLockfile({ path: file.relativePath, format: reader.format, ecosystem: reader.ecosystem });
    read++;
  }
  const single = candidates.length === 1 && candidates[0]?.path === root;
  if (read === 0 && single) {
    throw new InventoryError("NO_LOCKFILE", `${path} is not a lockfile Tollgate reads: formats are told by file name`, {
      location: { file: path },
      hint: `pass the file under its tool's name (${LOCKFILE_NAMES}) or its directory`,
    });
  }
  if (read === 0 && !options.allowEmpty) {
    throw new InventoryError("NO_LOCKFILE", `no lockfile found in ${root}`, {
      location: { file: path },
      hint: `looked for ${LOCKFILE_NAMES} in every directory except ${SKIPPED_DIRECTORIES.join(", ")}; generate a lockfile (e.g. npm install), or pass --allow-empty (action input allow-empty: true) if there is none to read`,
    });
  }
  const graph = builder.build({ id: "tollgate:root", name: basename(root) });
  return options.omit && options.omit.length > 0 ? omitScopes(graph, options.omit) : graph;
}

/** Removes the components of the given scopes (never project roots) and every edge touching them. */
export function omitScopes(graph: DependencyGraph, omit: Scope[]): DependencyGraph {
  const dropped = new Set(
    graph.components.filter((c) => c.role === "dependency" && omit.includes(c.scope)).map((c) => c.id),
  );
  return {
    ...graph,
    components: graph.components.filter((c) => !dropped.has(c.id)),
    edges: graph.edges.filter((e) => !dropped.has(e.from) && !dropped.has(e.to)),
  };
}
