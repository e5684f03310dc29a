import type { GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind, Hash, Scope, Source } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { linesMatching } from "../shared/text-position.js";
import { addProjectRoot, siblingPath, unsupportedVersion } from "../shared/text-root.js";
import { arrayOf, entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";
import { normalizePyName } from "./pep508.js";
import { readPyProject } from "./pyproject.js";
import { invalidPackage, pySource, sha256Hashes } from "./python-package.js";
import { linkPythonRoot, PyIndex } from "./python-root.js";

const HINT = "regenerate poetry.lock with `poetry lock`";

/** Scope from Poetry 2.x `groups` / 1.x `category` and the `optional` (extras) flag. */
function poetryScope(pkg: Record<string, unknown>): Scope {
  if (field(pkg, "optional") === true) return "optional";
  const groups = arrayOf(field(pkg, "groups"));
  if (groups.length > 0) return groups.includes("main") ? "required" : "development";
  return field(pkg, "category") === "dev" ? "development" : "required";
}

const KIND: Record<Scope, EdgeKind> = { required: "prod", optional: "optional", development: "dev" };

/** Reads poetry.lock (lock-version 1.x and 2.x) with pyproject.toml: packages, file hashes, groups and edges. */
export const poetryLockReader: LockfileReader = {
  format: "poetry-lock",
  ecosystem: "PyPI",
  matches: (basename) => basename === "poetry.lock",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const toml = await parseTomlFile(input.text, input.relativePath, HINT);
    const metadata = recordOf(field(toml, "metadata"));
    const lockVersion = field(metadata, "lock-version");
    if (lockVersion !== undefined && !/^[12]\.\d+$/.test(String(lockVersion))) {
      throw unsupportedVersion(input, lockVersion, "poetry.lock lock-version 1.x and 2.x", HINT);
    }
    const pyproject = await readPyProject(input);
    const rootId = addProjectRoot(graph, input, "PyPI", pyproject?.name, pyproject?.version);
    const headers = linesMatching(input.text, /^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/);
    const entries = arrayOf(field(toml, "package"));
    const index = new PyIndex();
    // lock-version 1.x keeps file hashes apart, in [metadata.files] keyed by package name.
    const metadataFiles = new Map<string, unknown[]>();
    for (const [key, files] of entriesOf(field(metadata, "files")))
      metadataFiles.set(normalizePyName(key), arrayOf(files));
    const pending: Array<{ id: string; dependencies: unknown }> = [];
    entries.forEach((entry, i) => {
      const pkg = recordOf(entry);
      const line = headers.length === entries.length ? headers[i] : undefined;
      const name = stringOf(field(pkg, "name"));
      const version = stringOf(field(pkg, "version"));
      if (!pkg || name === undefined || version === undefined) throw invalidPackage(input, line, HINT);
      const files =
        field(pkg, "files") !== undefined ? arrayOf(field(pkg, "files")) : metadataFiles.get(normalizePyName(name));
      const hashes: Hash[] = sha256Hashes((files ?? []).map((f) => field(recordOf(f), "hash")));
      const source = recordOf(field(pkg, "source"));
      const { source: where, qualifiers } = poetrySource(source);
      const scope = poetryScope(pkg);
      const id = graph.addComponent({
        ecosystem: "PyPI",
        name: normalizePyName(name),
        version,
        scope,
        hashes,
        ...(where ? { source: where } : {}),
        ...(qualifiers ? { qualifiers } : {}),
        location: line === undefined ? { file: input.relativePath } : { file: input.relativePath, line },
      });
      index.add(normalizePyName(name), id, KIND[scope]);
      pending.push({ id, dependencies: field(pkg, "dependencies") });
    });
    for (const { id, dependencies } of pending) {
      for (const [dep, spec] of entriesOf(dependencies)) {
        // A list holds one constraint per marker set; optional ones belong to an extra.
        const specs = Array.isArray(spec) ? spec : [spec];
        const optional = specs.every((s) => field(recordOf(s), "optional") === true);
        index.link(graph, id, normalizePyName(dep), optional ? "optional" : "prod");
      }
    }
    linkPythonRoot(graph, input, rootId, index, pyproject?.direct, siblingPath(input, "pyproject.toml"));
  },
};

/** Poetry's `[package.source]` (git, directory, file, url, legacy index) as a Source and purl qualifiers. */
function poetrySource(source: Record<string, unknown> | undefined): {
  source?: Source;
  qualifiers?: Record<string, string>;
} {
  if (!source) return {};
  const url = stringOf(field(source, "url")) ?? "";
  const commit = stringOf(field(source, "resolved_reference")) ?? stringOf(field(source, "reference"));
  return pySource(stringOf(field(source, "type")) ?? "", url, commit);
}
