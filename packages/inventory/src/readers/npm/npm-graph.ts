import picomatch from "picomatch";
import type { GraphBuilder } from "../../graph-builder.js";
import type { Scope } from "../../model.js";
import type { JsManifest } from "../shared/js-manifest.js";
import { sriToHashes } from "../shared/sri-hash.js";
import { unresolvedDependency } from "../shared/unresolved.js";
import type { NpmEntry } from "./npm-entries.js";
import { npmOrigin } from "./npm-source.js";

/** What npm-graph needs besides the entries. */
export interface NpmGraphInput {
  file: string;
  entries: Map<string, NpmEntry>;
  /** The project root's component id (already added). */
  rootId: string;
  /** Workspace globs from package.json or the lockfile's root entry. */
  workspaces: string[];
  manifest?: JsManifest;
}

/**
 * npm's flags → scope. `devOptional` means "needed by the dev tree and by the optional tree
 * of production": `npm install --omit dev` still installs it, so it is optional, not development.
 * `dev` together with `optional` is an optional dependency of a dev dependency: development.
 * `peer` alone is required: npm 7+ installs peers.
 */
export function npmScope(entry: NpmEntry): Scope {
  if (entry.dev) return "development";
  if (entry.optional || entry.devOptional) return "optional";
  return "required";
}

/**
 * The directory whose node_modules node searches after `path`'s own, or undefined when
 * none is left inside the lockfile's view: a link target outside the project (`../lib`)
 * never falls back to the project's own node_modules, just as in node.
 */
function parentOf(path: string): string | undefined {
  const at = path.lastIndexOf("/node_modules/");
  if (at !== -1) return path.slice(0, at);
  if (path.startsWith("node_modules/")) return "";
  if (path === "" || path === ".." || path.endsWith("/..")) return undefined;
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** Resolves `name` required from `from` as node does: nearest `node_modules` up the tree. */
export function resolveFrom(entries: Map<string, NpmEntry>, from: string, name: string): NpmEntry | undefined {
  for (let base: string | undefined = from; base !== undefined; base = parentOf(base)) {
    const hit = entries.get(base === "" ? `node_modules/${name}` : `${base}/node_modules/${name}`);
    if (hit) return hit;
  }
  return undefined;
}

/** True for a package installed under a node_modules directory (not the project, a workspace or a linked directory). */
function isInstalled(path: string): boolean {
  return path.startsWith("node_modules/") || path.includes("/node_modules/");
}

/** Adds every package of the lockfile as a component and every recorded dependency as an edge. */
export function addNpmGraph(input: NpmGraphInput, graph: GraphBuilder): void {
  const { entries, file, rootId } = input;
  const globs = input.workspaces.map((g) => g.replace(/^\.\//, "").replace(/\/$/, ""));
  const isWorkspace = globs.length > 0 ? picomatch(globs) : () => false;
  const ids = new Map<string, string>([["", rootId]]);
  const workspaceIds: string[] = [];
  const idOf = (entry: NpmEntry): string => {
    const known = ids.get(entry.path);
    if (known !== undefined) return known;
    let id: string;
    if (entry.link !== undefined) {
      const target = entries.get(entry.link);
      id = target && target !== entry && target.link === undefined ? idOf(target) : addLinkOnly(entry);
    } else if (!isInstalled(entry.path)) {
      const workspace = isWorkspace(entry.path);
      id = graph.addComponent({
        ecosystem: "npm",
        name: entry.name,
        version: entry.version,
        role: workspace ? "workspace" : "dependency",
        source: { type: workspace ? "workspace" : "link", url: entry.path },
        ...(workspace ? {} : { qualifiers: { download_url: `file:${entry.path}` } }),
        ...location(entry),
      });
      if (workspace) workspaceIds.push(id);
    } else {
      id = addPackage(entry);
    }
    ids.set(entry.path, id);
    return id;
  };
  const location = (entry: NpmEntry) => ({
    location: entry.line === undefined ? { file } : { file, line: entry.line },
  });
  const addLinkOnly = (entry: NpmEntry): string =>
    graph.addComponent({
      ecosystem: "npm",
      name: entry.name,
      version: entry.version,
      scope: npmScope(entry),
      source: { type: "link", url: entry.link ?? "" },
      qualifiers: { download_url: `file:${entry.link ?? ""}` },
      ...location(entry),
    });
  const addPackage = (entry: NpmEntry): string => {
    const origin = npmOrigin(entry.resolved, entry.name, entry.version);
    const properties: Record<string, string> = {};
    if (entry.alias !== undefined) properties["tollgate:npm-alias"] = entry.alias;
    if (entry.bundled) properties["tollgate:npm-bundled"] = "true";
    return graph.addComponent({
      ecosystem: "npm",
      name: entry.name,
      version: entry.version,
      scope: npmScope(entry),
      hashes: entry.integrity === undefined ? [] : sriToHashes(entry.integrity),
      ...(entry.license === undefined ? {} : { license: entry.license }),
      ...(origin.source ? { source: origin.source } : {}),
      ...(origin.qualifiers ? { qualifiers: origin.qualifiers } : {}),
      properties,
      ...location(entry),
    });
  };

  for (const entry of entries.values()) if (entry.path !== "") idOf(entry);
  for (const id of workspaceIds) graph.addEdge(rootId, id, "prod");
  const rootDeps = [...(entries.get("")?.deps ?? []), ...(input.manifest?.dependencies ?? [])];
  const edgesFrom = (path: string, from: string, deps: NpmEntry["deps"], installed?: NpmEntry): void => {
    for (const dep of deps) {
      const target = resolveFrom(entries, path, dep.name);
      if (target) graph.addEdge(from, idOf(target), dep.kind);
      // A project's or workspace's own missing dependency is LOCKFILE_OUT_OF_SYNC (a warning, npm-reader.ts).
      else if (installed && (dep.kind === "prod" || dep.kind === "dev")) {
        throw unresolvedDependency(
          location(installed).location,
          `${installed.path} (${installed.name}@${installed.version})`,
          `"${dep.name}"`,
          "regenerate it with npm install",
        );
      }
    }
  };
  edgesFrom("", rootId, rootDeps);
  for (const entry of entries.values()) {
    if (entry.path === "" || entry.link !== undefined) continue;
    edgesFrom(entry.path, idOf(entry), entry.deps, isInstalled(entry.path) ? entry : undefined);
  }
}
