import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll } from "vitest";
import type { Component, DependencyGraph } from "../../model.js";
import { readInventory } from "../../read-inventory.js";
import type { LockfileReader } from "../../reader.js";

/** The repository root, for corpus files. */
export const REPO = fileURLToPath(new URL("../../../../../", import.meta.url));
/** The real lockfile corpus. */
export const CORPUS = join(REPO, "test/fixtures/lockfiles");
/** Hand-written lockfiles for cases the corpus lacks. */
export const HANDMADE = join(REPO, "test/fixtures/lockfiles-handmade");

const created: string[] = [];
afterAll(async () => {
  await Promise.all(created.map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temporary directory, removed after the test file. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-js-"));
  created.push(dir);
  return dir;
}

/**
 * Copies a corpus lockfile and its manifest (`<prefix>__package.json`) into a temp dir
 * under their real names and returns the directory.
 */
export async function corpusDir(folder: string, prefix: string, lockName: string): Promise<string> {
  const dir = await tempDir();
  await copyFile(join(CORPUS, folder, `${prefix}__${lockName}`), join(dir, lockName));
  await copyFile(join(CORPUS, folder, `${prefix}__package.json`), join(dir, "package.json")).catch(() => undefined);
  return dir;
}

/** Copies a hand-written fixture folder (lockfile, manifests, workspaces) into a temp dir. */
export async function handmadeDir(folder: string): Promise<string> {
  const dir = await tempDir();
  await cp(join(HANDMADE, folder), dir, { recursive: true });
  return dir;
}

/** Writes files (relative path → text) into a temp dir and returns it. */
export async function writeDir(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** Reads a directory with the given readers only. */
export function readWith(dir: string, readers: LockfileReader[]): Promise<DependencyGraph> {
  return readInventory(dir, { readers });
}

/** The dependency components (not roots or workspaces) as `name@version`, sorted and distinct. */
export function nameVersions(graph: DependencyGraph, roles: Component["role"][] = ["dependency"]): string[] {
  return [
    ...new Set(graph.components.filter((c) => roles.includes(c.role)).map((c) => `${c.name}@${c.version}`)),
  ].sort();
}

/** The component with this purl; fails the test when absent. */
export function byPurl(graph: DependencyGraph, purl: string): Component {
  const found = graph.components.find((c) => c.purl === purl);
  if (!found) throw new Error(`no component ${purl}`);
  return found;
}

/** The ids of the components `from` has an edge to, with kinds, as `kind purl`. */
export function edgesOf(graph: DependencyGraph, from: string): string[] {
  return graph.edges.filter((e) => e.from === from).map((e) => `${e.kind} ${e.to}`);
}

/** Arbitrary input for property tests: any string, any Unicode, and any bytes read as UTF-8 (as readText would). */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes).toString("utf8")),
);
