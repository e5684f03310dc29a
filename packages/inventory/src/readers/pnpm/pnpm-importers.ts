import { posix } from "node:path";
import type { GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind } from "../../model.js";
import type { JsManifest } from "../shared/js-manifest.js";
import { asRecord, asString, own } from "../shared/json-values.js";
import { unresolvedDependency } from "../shared/unresolved.js";
import type { PnpmNodes } from "./pnpm-nodes.js";

const IMPORTER_FIELDS: Array<[string, EdgeKind]> = [
  ["dependencies", "prod"],
  ["optionalDependencies", "optional"],
  ["devDependencies", "dev"],
];

/** One importer (workspace project) as pnpm records it: dependency name → reference, by kind. */
export interface PnpmImporter {
  path: string;
  deps: Array<{ name: string; ref: string; kind: EdgeKind }>;
}

/** The references of an importer; 6.x/9.x write `{specifier, version}`, 5.x the version alone. */
export function importerDeps(data: Record<string, unknown>): PnpmImporter["deps"] {
  const deps: PnpmImporter["deps"] = [];
  for (const [field, kind] of IMPORTER_FIELDS) {
    const map = asRecord(data[field]) ?? {};
    for (const name of Object.keys(map)) {
      const value = own(map, name);
      const ref = asString(value) ?? asString(asRecord(value)?.version);
      if (ref !== undefined) deps.push({ name, ref, kind });
    }
  }
  return deps;
}

/** The importers of a lockfile; a 5.x lockfile of a single project keeps its one importer at the top. */
export function readImporters(data: Record<string, unknown>): PnpmImporter[] {
  const importers = asRecord(data.importers);
  if (!importers) return [{ path: ".", deps: importerDeps(data) }];
  return Object.keys(importers).map((path) => ({ path, deps: importerDeps(asRecord(own(importers, path)) ?? {}) }));
}

/** The importer path a `link:` reference of importer `from` points at. */
export function linkTarget(from: string, ref: string): string {
  return posix.normalize(posix.join(from, ref.slice("link:".length))).replace(/\/$/, "") || ".";
}

/** What addPnpmImporters needs. */
export interface ImporterInput {
  file: string;
  importers: PnpmImporter[];
  nodes: PnpmNodes;
  rootId: string;
  /** Manifests of workspace importers that could be read, by path. */
  manifests: Map<string, JsManifest>;
  lineOf(path: string): number | undefined;
}

/** Adds each workspace importer as a component and every importer's dependencies as edges. */
export function addPnpmImporters(input: ImporterInput, graph: GraphBuilder): void {
  const { file, importers, nodes, rootId, manifests } = input;
  const paths = new Set(importers.map((i) => i.path));
  const linkedNames = new Map<string, string>();
  for (const importer of importers) {
    for (const dep of importer.deps) {
      if (dep.ref.startsWith("link:")) linkedNames.set(linkTarget(importer.path, dep.ref), dep.name);
    }
  }
  const ids = new Map<string, string>([[".", rootId]]);
  for (const { path } of importers) {
    if (path === ".") continue;
    const manifest = manifests.get(path);
    const line = input.lineOf(path);
    const id = graph.addComponent({
      ecosystem: "npm",
      name: manifest?.name ?? linkedNames.get(path) ?? posix.basename(path),
      version: manifest?.version ?? "",
      role: "workspace",
      source: { type: "workspace", url: path },
      location: line === undefined ? { file } : { file, line },
    });
    ids.set(path, id);
    graph.addEdge(rootId, id, "prod");
  }
  /** A workspace importer, or a linked directory that is no importer (a component of its own). */
  const linked = (from: string, name: string, ref: string): string | undefined => {
    const target = linkTarget(from, ref);
    if (ids.has(target) || paths.has(target)) return ids.get(target);
    return graph.addComponent({
      ecosystem: "npm",
      name,
      version: "",
      source: { type: "link", url: target },
      qualifiers: { download_url: `file:${target}` },
      location: { file },
    });
  };
  for (const importer of importers) {
    const from = ids.get(importer.path);
    if (from === undefined) continue;
    for (const dep of importer.deps) {
      let to: string | undefined;
      if (dep.ref.startsWith("link:")) to = linked(importer.path, dep.name, dep.ref);
      else {
        const key = nodes.resolve(dep.name, dep.ref);
        to = key === undefined ? undefined : nodes.ids.get(key);
      }
      if (to !== undefined) graph.addEdge(from, to, dep.kind);
      else if (!dep.ref.startsWith("link:") && dep.kind !== "optional") {
        const line = input.lineOf(importer.path);
        throw unresolvedDependency(
          line === undefined ? { file } : { file, line },
          `importer "${importer.path}"`,
          `${dep.name} ${dep.ref}`,
          "regenerate it with pnpm install",
        );
      }
    }
  }
  for (const link of nodes.links) {
    const to = linked(".", link.name, link.ref);
    if (to !== undefined) graph.addEdge(link.from, to, link.kind);
  }
}
