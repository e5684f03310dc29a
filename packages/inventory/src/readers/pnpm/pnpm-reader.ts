import { basename, dirname } from "node:path";
import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { type JsManifest, readJsManifest } from "../shared/js-manifest.js";
import { warnUnlocked } from "../shared/js-sync.js";
import { positionAt } from "../shared/json-locate.js";
import { parseYamlLockfile } from "../shared/yaml-lockfile.js";
import { addPnpmImporters, readImporters } from "./pnpm-importers.js";
import type { PnpmGeneration } from "./pnpm-keys.js";
import { addPnpmNodes } from "./pnpm-nodes.js";

const HINT = "regenerate the lockfile with pnpm install";

/** The key syntax generation of a `lockfileVersion` (5.x, 6.x, 9.x; 7.0 was 9.0's pre-release name). */
export function pnpmGeneration(version: unknown): PnpmGeneration | undefined {
  const text = typeof version === "number" || typeof version === "string" ? String(version) : "";
  const match = /^(\d+)(\.\d+)?(-inlineSpecifiers)?$/.exec(text);
  const major = match ? Number(match[1]) : Number.NaN;
  if (major === 5 || major === 6 || major === 9) return major;
  if (major === 7) return 9;
  return undefined;
}

/** Reads a pnpm-lock.yaml into the graph. */
async function readPnpmLockfile(input: LockfileInput, graph: GraphBuilder): Promise<void> {
  const file = input.relativePath;
  const lock = await parseYamlLockfile(input.text, file, HINT, "lockfileVersion");
  const generation = pnpmGeneration(lock.data.lockfileVersion);
  if (generation === undefined) {
    const at = input.text.indexOf("lockfileVersion");
    const shown =
      lock.data.lockfileVersion === undefined
        ? "no lockfileVersion"
        : `lockfileVersion ${JSON.stringify(lock.data.lockfileVersion)}`;
    throw new InventoryError(
      "LOCKFILE_VERSION",
      `${file} has ${shown}; supported pnpm lockfile versions are 5.x, 6.x and 9.x`,
      {
        location: at === -1 ? { file } : { file, ...positionAt(input.text, at) },
        hint: "regenerate it with pnpm 7 or later, or upgrade Tollgate",
      },
    );
  }
  const manifest = await readJsManifest(input);
  const rootId = graph.addComponent({
    ecosystem: "npm",
    name: manifest?.name ?? (basename(dirname(input.path)) || "project"),
    version: manifest?.version ?? "",
    role: "root",
    location: { file, line: lock.lineOf("importers", ".") ?? 1 },
  });
  const nodes = addPnpmNodes(lock, generation, file, graph);
  const importers = readImporters(lock.data);
  const manifests = new Map<string, JsManifest>();
  for (const { path } of importers) {
    if (path === "." || path.startsWith("..")) continue;
    const found = await readJsManifest(input, `${path}/package.json`).catch(() => undefined);
    if (found) manifests.set(path, found);
  }
  addPnpmImporters(
    { file, importers, nodes, rootId, manifests, lineOf: (path) => lock.lineOf("importers", path) },
    graph,
  );
  const root = importers.find((i) => i.path === ".");
  if (manifest && root) {
    const locked = new Set(root.deps.map((d) => d.name));
    warnUnlocked(graph, manifest, file, (name) => locked.has(name), "pnpm install");
  }
}

/** pnpm `pnpm-lock.yaml`, lockfile versions 5.x, 6.x and 9.x, importers (workspaces) included. */
export const pnpmReader: LockfileReader = {
  format: "pnpm-lock",
  ecosystem: "npm",
  matches: (name) => name === "pnpm-lock.yaml",
  read: readPnpmLockfile,
};
