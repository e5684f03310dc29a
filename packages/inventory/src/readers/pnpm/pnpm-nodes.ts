import { InventoryError } from "../../errors.js";
import type { ComponentInput, GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind, Location, Scope } from "../../model.js";
import { asRecord, asString, own, stringEntries } from "../shared/json-values.js";
import { unresolvedDependency } from "../shared/unresolved.js";
import type { YamlLockfile } from "../shared/yaml-lockfile.js";
import { type PnpmGeneration, parsePnpmKey, refToKey } from "./pnpm-keys.js";
import { pnpmOrigin } from "./pnpm-origin.js";

/** The package nodes of a pnpm lockfile, by key, with their component ids. */
export interface PnpmNodes {
  ids: Map<string, string>;
  /** The node key a dependency reference of `name` points at, if any. */
  resolve(name: string, ref: string): string | undefined;
  /** `link:` references of packages (a peer satisfied by a workspace), relative to the lockfile's directory. */
  links: Array<{ from: string; name: string; ref: string; kind: EdgeKind }>;
}

/** A key without its peer suffix: the `packages` key of a 9.x snapshot. */
function baseKey(key: string): string {
  const cut = key.indexOf("(", 1);
  return cut === -1 ? key : key.slice(0, cut);
}

function flagScope(entry: Record<string, unknown>, generation: PnpmGeneration): Scope | undefined {
  if (entry.dev === true) return "development";
  if (entry.optional === true) return "optional";
  // 5.x/6.x state dev: false (production only) or leave it out (both): either way required.
  return generation === 9 ? undefined : "required";
}

const HINT = "regenerate it with pnpm install";

/** Adds every package node of the lockfile as a component and every edge between them. */
export function addPnpmNodes(
  lock: YamlLockfile,
  generation: PnpmGeneration,
  file: string,
  graph: GraphBuilder,
): PnpmNodes {
  const packages = asRecord(lock.data.packages) ?? {};
  const snapshots = generation === 9 ? asRecord(lock.data.snapshots) : undefined;
  const nodes = snapshots ?? packages;
  const section = snapshots ? "snapshots" : "packages";
  const exists = (key: string) => Object.hasOwn(nodes, key);
  const ids = new Map<string, string>();
  const locations = new Map<string, Location>();
  const firstInput = new Map<string, ComponentInput>();
  const peers = new Map<string, Set<string>>();
  for (const key of Object.keys(nodes)) {
    // 9.x: the `packages` entry (resolution, integrity) is the package's place; peer variants are snapshots.
    const line = (snapshots ? lock.lineOf("packages", baseKey(key)) : undefined) ?? lock.lineOf(section, key);
    const location = line === undefined ? { file } : { file, line };
    const node = asRecord(own(nodes, key)) ?? {};
    const meta = snapshots ? (asRecord(own(packages, baseKey(key))) ?? {}) : node;
    const parsed = parsePnpmKey(key, generation);
    const name = asString(meta.name) ?? asString(node.name) ?? parsed.name;
    if (!name) {
      throw new InventoryError("LOCKFILE_INVALID", `${file}: cannot tell the package name of "${key}"`, {
        location,
        hint: "regenerate the lockfile with pnpm install",
      });
    }
    const keyVersion = parsed.version !== undefined && !/[:/]/.test(parsed.version) ? parsed.version : "";
    const version = asString(meta.version) ?? keyVersion;
    const origin = pnpmOrigin(meta.resolution, name, version);
    const scope = flagScope(node, generation) ?? (snapshots ? flagScope(meta, 9) : undefined);
    const input: ComponentInput = {
      ecosystem: "npm",
      name,
      version,
      hashes: origin.hashes,
      ...(scope ? { scope } : {}),
      ...(origin.source ? { source: origin.source } : {}),
      ...(origin.qualifiers ? { qualifiers: origin.qualifiers } : {}),
      location,
    };
    const id = graph.addComponent(input);
    ids.set(key, id);
    locations.set(key, location);
    if (!firstInput.has(id)) firstInput.set(id, input);
    if (parsed.peers) {
      const set = peers.get(id) ?? new Set<string>();
      set.add(parsed.peers);
      peers.set(id, set);
    }
  }
  // Peer variants are one component; the resolutions pnpm made are kept, all of them, as a property.
  for (const [id, set] of peers) {
    const input = firstInput.get(id);
    if (input) graph.addComponent({ ...input, properties: { "tollgate:pnpm-peers": [...set].sort().join(" ") } });
  }
  const resolve = (name: string, ref: string) => refToKey(name, ref, generation, exists);
  const links: PnpmNodes["links"] = [];
  for (const key of Object.keys(nodes)) {
    const from = ids.get(key);
    const node = asRecord(own(nodes, key)) ?? {};
    if (from === undefined) continue;
    const fields: Array<[string, EdgeKind]> = [
      ["dependencies", "prod"],
      ["optionalDependencies", "optional"],
    ];
    for (const [field, kind] of fields) {
      for (const [dep, ref] of stringEntries(node[field])) {
        if (ref.startsWith("link:")) {
          links.push({ from, name: dep, ref, kind });
          continue;
        }
        const target = resolve(dep, ref);
        const to = target === undefined ? undefined : ids.get(target);
        if (to !== undefined) graph.addEdge(from, to, kind);
        else if (kind === "prod") {
          throw unresolvedDependency(locations.get(key) ?? { file }, `"${key}"`, `${dep} ${ref}`, HINT);
        }
      }
    }
  }
  return { ids, resolve, links };
}
