import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { Hash } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { linesMatching } from "../shared/text-position.js";
import { addProjectRoot, unsupportedVersion } from "../shared/text-root.js";
import { arrayOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";
import { readCargoManifest } from "./cargo-manifest.js";
import { cargoSource } from "./cargo-source.js";

const HINT = "regenerate Cargo.lock with `cargo generate-lockfile`";
const SUPPORTED = "Cargo.lock v1 and v2 (no version key), version = 3 and version = 4";

interface Locked {
  id: string;
  name: string;
  version: string;
  source?: string;
  line?: number;
  dependencies: unknown[];
}

/** The `version` key of the lockfile, validated (absent for v1 and v2). */
function checkVersion(input: LockfileInput, toml: Record<string, unknown>): void {
  const version = field(toml, "version");
  if (version === undefined || version === 1 || version === 2 || version === 3 || version === 4) return;
  throw unsupportedVersion(input, version, SUPPORTED, HINT, linesMatching(input.text, /^\s*version\s*=/)[0]);
}

/** Finds the locked package a `"name"`, `"name version"` or `"name version (source)"` string names. */
function resolve(index: Map<string, Locked[]>, reference: string): Locked | undefined {
  const match = /^(\S+)(?: (\S+))?(?: \((.+)\))?$/.exec(reference);
  if (!match) return undefined;
  const [, name = "", version, source] = match;
  const candidates = (index.get(name) ?? []).filter(
    (p) => (version === undefined || p.version === version) && (source === undefined || p.source === source),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Reads Cargo.lock v1–v4 with its Cargo.toml: crates, checksums, sources and the exact dependency graph. */
export const cargoLockReader: LockfileReader = {
  format: "cargo-lock",
  ecosystem: "crates.io",
  matches: (basename) => basename === "Cargo.lock",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const toml = await parseTomlFile(input.text, input.relativePath, HINT);
    checkVersion(input, toml);
    const manifest = await readCargoManifest(input);
    const metadata = recordOf(field(toml, "metadata"));
    const headerLines = linesMatching(input.text, /^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/);
    const entries = arrayOf(field(toml, "package"));
    const lineOf = (i: number) => (headerLines.length === entries.length ? headerLines[i] : undefined);
    const local = entries.filter((e) => field(recordOf(e), "source") === undefined);
    const rootName = manifest
      ? manifest.name
      : local.length === 1
        ? stringOf(field(recordOf(local[0]), "name"))
        : undefined;
    const index = new Map<string, Locked[]>();
    const locked: Locked[] = [];
    let rootId: string | undefined;
    entries.forEach((entry, i) => {
      const pkg = recordOf(entry);
      const name = stringOf(field(pkg, "name"));
      const version = stringOf(field(pkg, "version"));
      const line = lineOf(i);
      if (!pkg || name === undefined || version === undefined) {
        throw new InventoryError(
          "LOCKFILE_INVALID",
          `${input.relativePath}: a [[package]] lacks a string name or version`,
          {
            location: line === undefined ? { file: input.relativePath } : { file: input.relativePath, line },
            hint: HINT,
          },
        );
      }
      const rawSource = stringOf(field(pkg, "source"));
      const { source, qualifiers } = cargoSource(rawSource);
      const checksum =
        stringOf(field(pkg, "checksum")) ??
        stringOf(field(metadata, `checksum ${name} ${version} (${rawSource ?? ""})`));
      const hashes: Hash[] = checksum && /^[0-9a-f]{64}$/.test(checksum) ? [{ alg: "SHA-256", content: checksum }] : [];
      const isRoot = rawSource === undefined && name === rootName && rootId === undefined;
      const id = graph.addComponent({
        ecosystem: "crates.io",
        name,
        version,
        role: rawSource !== undefined ? "dependency" : isRoot ? "root" : "workspace",
        hashes,
        ...(source ? { source } : {}),
        ...(qualifiers ? { qualifiers } : {}),
        location: line === undefined ? { file: input.relativePath } : { file: input.relativePath, line },
      });
      if (isRoot) rootId = id;
      const item: Locked = { id, name, version, dependencies: arrayOf(field(pkg, "dependencies")) };
      if (rawSource !== undefined) item.source = rawSource;
      if (line !== undefined) item.line = line;
      locked.push(item);
      const same = index.get(name);
      if (same) same.push(item);
      else index.set(name, [item]);
    });
    if (rootId === undefined) {
      // A virtual workspace (or no Cargo.toml): the directory is the root and every local crate a member of it.
      rootId = addProjectRoot(graph, input, "crates.io", manifest?.name, manifest?.version);
      for (const item of locked) if (item.source === undefined) graph.addEdge(rootId, item.id, "prod");
    }
    for (const item of locked) {
      for (const reference of item.dependencies) {
        const target = typeof reference === "string" ? resolve(index, reference) : undefined;
        if (!target) {
          throw new InventoryError(
            "LOCKFILE_INVALID",
            `${input.relativePath}: dependency ${JSON.stringify(reference)} of ${item.name} ${item.version} matches no single [[package]]`,
            {
              location:
                item.line === undefined ? { file: input.relativePath } : { file: input.relativePath, line: item.line },
              hint: HINT,
            },
          );
        }
        const kind = item.id === rootId ? (manifest?.kinds.get(target.name) ?? "prod") : "prod";
        graph.addEdge(item.id, target.id, kind);
      }
    }
  },
};
