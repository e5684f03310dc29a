import { basename, dirname } from "node:path";
import type { GraphBuilder } from "../../graph-builder.js";
import type { Hash } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { isGitSpec, npmOrigin } from "../npm/npm-source.js";
import { readJsManifest } from "../shared/js-manifest.js";
import { warnUnlocked } from "../shared/js-sync.js";
import { warnMissingManifest } from "../shared/missing-manifest.js";
import { hexToHash, sriToHashes } from "../shared/sri-hash.js";
import { unresolvedDependency } from "../shared/unresolved.js";
import { splitDescriptor } from "./berry-resolution.js";
import { type ClassicEntry, parseYarnClassic } from "./classic-parse.js";
import { findWorkspaces } from "./classic-workspaces.js";
import { isBerryLockfile } from "./yarn-detect.js";

/** The package an entry installs: an `npm:` alias names another package than its descriptor. */
function identity(entry: ClassicEntry): { name: string; alias?: string; range: string } | undefined {
  const [name, range] = splitDescriptor(entry.descriptors[0] ?? "") ?? [];
  if (name === undefined || range === undefined) return undefined;
  if (range.startsWith("npm:")) {
    const real = splitDescriptor(range.slice(4));
    if (real) return { name: real[0], alias: name, range };
  }
  return { name, range };
}

/** Adds one lockfile entry as a component. */
function addEntry(entry: ClassicEntry, file: string, graph: GraphBuilder): string | undefined {
  const who = identity(entry);
  if (!who) return undefined;
  const version = entry.fields.get("version") ?? "";
  const resolved = entry.fields.get("resolved");
  const hashes: Hash[] = sriToHashes(entry.fields.get("integrity") ?? "");
  let origin = npmOrigin(undefined, who.name, version);
  if (resolved !== undefined && isGitSpec(resolved)) origin = npmOrigin(resolved, who.name, version);
  else if (resolved !== undefined) {
    // yarn appends the tarball's SHA-1 as the URL fragment: a file hash, not part of the URL.
    const [url = resolved, fragment] = resolved.split("#");
    const sha1 = fragment === undefined ? undefined : hexToHash(fragment);
    if (sha1 && !hashes.some((h) => h.alg === sha1.alg)) hashes.push(sha1);
    origin = npmOrigin(url, who.name, version);
  } else if (/^(link|file|portal):/.test(who.range)) {
    const type = who.range.startsWith("file:") ? "file" : "link";
    origin = {
      source: { type, url: who.range.slice(who.range.indexOf(":") + 1) },
      qualifiers: { download_url: who.range },
    };
  }
  return graph.addComponent({
    ecosystem: "npm",
    name: who.name,
    version,
    hashes,
    ...(origin.source ? { source: origin.source } : {}),
    ...(origin.qualifiers ? { qualifiers: origin.qualifiers } : {}),
    properties: who.alias === undefined ? {} : { "tollgate:npm-alias": who.alias },
    location: { file, line: entry.line },
  });
}

/** Reads a yarn classic lockfile into the graph, with workspaces from the root package.json. */
async function readClassic(input: LockfileInput, graph: GraphBuilder): Promise<void> {
  const file = input.relativePath;
  const entries = parseYarnClassic(input.text, file);
  const manifest = await readJsManifest(input);
  if (!manifest) warnMissingManifest(graph, file);
  const rootId = graph.addComponent({
    ecosystem: "npm",
    name: manifest?.name ?? (basename(dirname(input.path)) || "project"),
    version: manifest?.version ?? "",
    role: "root",
    location: { file, line: 1 },
  });
  const byDescriptor = new Map<string, string>();
  const locked = new Set(entries.flatMap((entry) => entry.descriptors));
  const ids: Array<[ClassicEntry, string]> = [];
  for (const entry of entries) {
    const id = addEntry(entry, file, graph);
    if (id === undefined) continue;
    ids.push([entry, id]);
    for (const descriptor of entry.descriptors) byDescriptor.set(descriptor, id);
  }
  const workspaces = await findWorkspaces(input, manifest?.workspaces ?? []);
  const workspaceIds = new Map<string, string>();
  for (const ws of workspaces) {
    const id = graph.addComponent({
      ecosystem: "npm",
      name: ws.manifest.name ?? ws.path,
      version: ws.manifest.version ?? "",
      role: "workspace",
      source: { type: "workspace", url: ws.path },
      location: { file: ws.manifest.file, line: 1 },
    });
    workspaceIds.set(ws.manifest.name ?? ws.path, id);
    graph.addEdge(rootId, id, "prod");
  }
  // A workspace answers a dependency on its name that yarn.lock does not lock (yarn links it).
  const target = (name: string, range: string) => byDescriptor.get(`${name}@${range}`) ?? workspaceIds.get(name);
  for (const [entry, from] of ids) {
    for (const [field, kind] of [
      ["dependencies", "prod"],
      ["optionalDependencies", "optional"],
    ] as const) {
      for (const [name, range] of entry.maps.get(field) ?? []) {
        const to = target(name, range);
        if (to !== undefined) graph.addEdge(from, to, kind);
        // A local path (`file:`, `link:`) need not be locked: yarn copies or links the directory, and for a
        // dependency of a `file:` package it records a path inside its own cache (vite's yarn.lock does).
        else if (kind === "prod" && !locked.has(`${name}@${range}`) && !/^(?:file|link|portal):/.test(range)) {
          const error = unresolvedDependency(
            { file, line: entry.line },
            entry.descriptors.join(", "),
            `${name}@${range}`,
            "regenerate it with yarn install",
          );
          // yarn links a workspace without locking it; when a declared workspace could not be read here, the
          // dependency may be one of them, so it is reported instead of failing the read.
          if (!(manifest?.workspaces.length ?? 0)) throw error;
          graph.warn({
            code: "LOCKFILE_UNRESOLVED",
            message: `${error.message}, nor is it a workspace Tollgate could read`,
            location: { file, line: entry.line },
          });
        }
      }
    }
  }
  const projects = [
    { id: rootId, manifest },
    ...workspaces.map((ws) => ({ id: workspaceIds.get(ws.manifest.name ?? ws.path), manifest: ws.manifest })),
  ];
  for (const project of projects) {
    if (!project.manifest || project.id === undefined) continue;
    for (const dep of project.manifest.dependencies) {
      const to = target(dep.name, dep.range);
      if (to !== undefined) graph.addEdge(project.id, to, dep.kind);
    }
  }
  if (manifest) warnUnlocked(graph, manifest, file, (name, range) => target(name, range) !== undefined, "yarn install");
}

/** yarn classic (v1) `yarn.lock`. */
export const yarnClassicReader: LockfileReader = {
  format: "yarn-classic",
  ecosystem: "npm",
  matches: (name, head) => name === "yarn.lock" && (head === undefined || !isBerryLockfile(head)),
  read: readClassic,
};
