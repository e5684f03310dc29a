import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { linesMatching } from "../shared/text-position.js";
import { addProjectRoot, siblingPath, unsupportedVersion } from "../shared/text-root.js";
import { arrayOf, entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";
import { normalizePyName } from "./pep508.js";
import { readPyProject } from "./pyproject.js";
import { invalidPackage, pySource, sha256Hashes } from "./python-package.js";
import { linkPythonRoot, PyIndex } from "./python-root.js";

const HINT = "regenerate uv.lock with `uv lock`";

interface Locked {
  id: string;
  name: string;
  version: string;
  source: string;
  line?: number;
  pkg: Record<string, unknown>;
}

/** A stable text for a uv `source = { … }` table, to compare a dependency's source with a package's. */
function sourceKey(value: unknown): string {
  return JSON.stringify(entriesOf(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The single locked package a `{ name, version?, source? }` dependency names, if exactly one. */
function resolve(index: Map<string, Locked[]>, dep: unknown): Locked | undefined {
  const record = recordOf(dep);
  const name = stringOf(field(record, "name"));
  if (name === undefined) return undefined;
  const version = stringOf(field(record, "version"));
  const source = field(record, "source") === undefined ? undefined : sourceKey(field(record, "source"));
  const candidates = (index.get(normalizePyName(name)) ?? []).filter(
    (p) => (version === undefined || p.version === version) && (source === undefined || p.source === source),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** Reads uv.lock (version 1): packages, sdist and wheel hashes, sources, dependencies, extras and dev groups. */
export const uvLockReader: LockfileReader = {
  format: "uv-lock",
  ecosystem: "PyPI",
  matches: (basename) => basename === "uv.lock",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const toml = await parseTomlFile(input.text, input.relativePath, HINT);
    const version = field(toml, "version");
    if (version !== 1) {
      throw unsupportedVersion(
        input,
        version,
        "uv.lock version = 1",
        HINT,
        linesMatching(input.text, /^version\s*=/)[0],
      );
    }
    const pyproject = await readPyProject(input);
    const headers = linesMatching(input.text, /^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/);
    const entries = arrayOf(field(toml, "package"));
    const index = new Map<string, Locked[]>();
    const pyIndex = new PyIndex();
    const locked: Locked[] = [];
    let rootId: string | undefined;
    entries.forEach((entry, i) => {
      const pkg = recordOf(entry);
      const line = headers.length === entries.length ? headers[i] : undefined;
      const rawName = stringOf(field(pkg, "name"));
      if (!pkg || rawName === undefined) throw invalidPackage(input, line, HINT);
      const name = normalizePyName(rawName);
      const source = recordOf(field(pkg, "source"));
      const [type = "", where = ""] = (entriesOf(source)[0] ?? []) as [string?, unknown?];
      const local = type === "editable" || type === "virtual";
      const isRoot = local && where === "." && rootId === undefined;
      const version = stringOf(field(pkg, "version")) ?? (isRoot ? pyproject?.version : undefined) ?? "";
      if (!local && version === "") throw invalidPackage(input, line, HINT);
      const url = typeof where === "string" ? where : "";
      const { source: origin, qualifiers } = pySource(
        type,
        url.replace(/#.*$/, ""),
        /#([0-9a-f]{7,64})$/.exec(url)?.[1],
      );
      const sdist = field(recordOf(field(pkg, "sdist")), "hash");
      const wheels = arrayOf(field(pkg, "wheels")).map((w) => field(recordOf(w), "hash"));
      const id = graph.addComponent({
        ecosystem: "PyPI",
        name,
        version,
        role: isRoot ? "root" : local ? "workspace" : "dependency",
        hashes: sha256Hashes([sdist, ...wheels]),
        ...(origin ? { source: origin } : {}),
        ...(qualifiers ? { qualifiers } : {}),
        location: line === undefined ? { file: input.relativePath } : { file: input.relativePath, line },
      });
      if (isRoot) rootId = id;
      const item: Locked = { id, name, version, source: sourceKey(source), pkg };
      if (line !== undefined) item.line = line;
      locked.push(item);
      pyIndex.add(name, id, "prod");
      const same = index.get(name);
      if (same) same.push(item);
      else index.set(name, [item]);
    });
    for (const item of locked) {
      const groups: Array<[unknown, EdgeKind]> = [[field(item.pkg, "dependencies"), "prod"]];
      for (const [, deps] of entriesOf(field(item.pkg, "optional-dependencies"))) groups.push([deps, "optional"]);
      for (const [, deps] of entriesOf(field(item.pkg, "dev-dependencies"))) groups.push([deps, "dev"]);
      for (const [deps, kind] of groups) {
        for (const dep of arrayOf(deps)) {
          const target = resolve(index, dep);
          if (!target) {
            throw new InventoryError(
              "LOCKFILE_INVALID",
              `${input.relativePath}: a dependency of ${item.name} (${JSON.stringify(field(recordOf(dep), "name") ?? dep)}) matches no single [[package]]`,
              {
                location: { file: input.relativePath, ...(item.line === undefined ? {} : { line: item.line }) },
                hint: HINT,
              },
            );
          }
          graph.addEdge(item.id, target.id, kind);
          pyIndex.referenced.add(target.id);
        }
      }
    }
    if (rootId === undefined) {
      // No project at "." (e.g. a virtual workspace root): the manifest or the directory names the root.
      const root = addProjectRoot(graph, input, "PyPI", pyproject?.name, pyproject?.version);
      linkPythonRoot(graph, input, root, pyIndex, pyproject?.direct, siblingPath(input, "pyproject.toml"));
    }
  },
};
