import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { expect } from "vitest";
import { InventoryError } from "../../errors.js";
import { GraphBuilder } from "../../graph-builder.js";
import type { Component, DependencyGraph } from "../../model.js";
import { readInventory } from "../../read-inventory.js";
import type { LockfileReader } from "../../reader.js";

/** The corpus of real lockfiles and the hand-written ones, in the repository's test/fixtures. */
export const CORPUS = fileURLToPath(new URL("../../../../../test/fixtures/lockfiles/", import.meta.url));
export const HANDMADE = fileURLToPath(new URL("../../../../../test/fixtures/lockfiles-handmade/", import.meta.url));

/** Reads a corpus file (path relative to test/fixtures/lockfiles). */
export function corpus(path: string): Promise<string> {
  return readFile(join(CORPUS, path), "utf8");
}

/**
 * Writes files under their real names into a fresh directory called `dirName` and reads it
 * with only `reader`, as `tollgate sbom` would. Values are file contents.
 */
export async function readProject(
  reader: LockfileReader,
  files: Record<string, string>,
  dirName = "project",
): Promise<DependencyGraph> {
  const dir = join(await mkdtemp(join(tmpdir(), "tollgate-inv-")), dirName);
  await mkdir(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return readInventory(dir, { readers: [reader] });
}

/** Reads one in-memory lockfile (and optional siblings) straight through the reader, for property tests. */
export async function readString(
  reader: LockfileReader,
  name: string,
  text: string,
  siblings: Record<string, string> = {},
): Promise<DependencyGraph> {
  const graph = new GraphBuilder();
  await reader.read(
    {
      path: `/virtual/project/${name}`,
      relativePath: name,
      text,
      readSibling: async (sibling) => (Object.hasOwn(siblings, sibling) ? siblings[sibling] : undefined),
    },
    graph,
  );
  return graph.build({ id: "tollgate:root", name: "project" });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<InventoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InventoryError);
  return error as InventoryError;
}

/** The component with this purl (fails the test when absent). */
export function byPurl(graph: DependencyGraph, purl: string): Component {
  const found = graph.components.find((c) => c.purl === purl);
  expect(found, `component ${purl}`).toBeDefined();
  return found as Component;
}

/** The purls `from` has edges to, sorted. */
export function edgesFrom(graph: DependencyGraph, from: string): string[] {
  return graph.edges.filter((e) => e.from === from).map((e) => `${e.to} ${e.kind}`);
}

/**
 * Property: whatever text the reader gets (random, or a real lockfile cut or spliced
 * at random places), it either reads it or throws an InventoryError, nothing else.
 */
export async function assertOnlyTypedErrors(reader: LockfileReader, name: string, sample: string): Promise<void> {
  const texts = fc.oneof(
    fc.string({ unit: "grapheme-ascii", maxLength: 400 }),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.nat({ max: sample.length }).map((cut) => sample.slice(0, cut)),
    fc
      .tuple(fc.nat({ max: sample.length }), fc.string({ maxLength: 12 }))
      .map(([at, junk]) => sample.slice(0, at) + junk + sample.slice(at)),
  );
  await fc.assert(
    fc.asyncProperty(texts, async (text) => {
      try {
        await readString(reader, name, text);
      } catch (error) {
        if (!(error instanceof InventoryError)) throw error;
      }
    }),
    { numRuns: 300 },
  );
}
