import type { GraphBuilder } from "../../graph-builder.js";
import type { Scope, Source } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { locateJsonKeys } from "../shared/json-locate.js";
import { parseJsonObject } from "../shared/text-json.js";
import { addProjectRoot, siblingPath, unsupportedVersion } from "../shared/text-root.js";
import { arrayOf, entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";
import { normalizePyName } from "./pep508.js";
import { sha256Hashes } from "./python-package.js";

const HINT = "regenerate Pipfile.lock with `pipenv lock`";
const SECTIONS: Array<[string, Scope]> = [
  ["default", "required"],
  ["develop", "development"],
];

/** The normalised names the Pipfile beside the lock declares, or undefined without a Pipfile. */
async function pipfileNames(input: LockfileInput): Promise<Set<string> | undefined> {
  const text = await input.readSibling("Pipfile");
  if (text === undefined) return undefined;
  const toml = await parseTomlFile(text, siblingPath(input, "Pipfile"), "fix the syntax of the Pipfile");
  const names = new Set<string>();
  for (const table of ["packages", "dev-packages"])
    for (const [name] of entriesOf(field(toml, table))) names.add(normalizePyName(name));
  return names;
}

/** Where a Pipfile.lock entry comes from: its index, a git commit, or a local path. */
function pipSource(
  entry: Record<string, unknown>,
  indexes: Map<string, string>,
): { source?: Source; qualifiers?: Record<string, string> } {
  const git = stringOf(field(entry, "git"));
  if (git !== undefined) {
    const ref = stringOf(field(entry, "ref"));
    return {
      source: { type: "git", url: ref ? `${git}#${ref}` : git },
      qualifiers: { vcs_url: `git+${git.replace(/^git\+/, "")}${ref ? `@${ref}` : ""}` },
    };
  }
  const path = stringOf(field(entry, "path")) ?? stringOf(field(entry, "file"));
  if (path !== undefined) return { source: { type: "file", url: path } };
  // With a single source every package comes from it; pipenv names the index of direct ones only.
  const index =
    indexes.get(stringOf(field(entry, "index")) ?? "") ?? (indexes.size === 1 ? [...indexes.values()][0] : undefined);
  return index === undefined ? {} : { source: { type: "registry", url: index } };
}

/**
 * Reads Pipfile.lock: `default` packages as required, `develop` as development, their
 * hashes and indexes. The lock records no graph: the root has an edge to every package,
 * and the Pipfile beside it (when present) says which are direct.
 */
export const pipfileLockReader: LockfileReader = {
  format: "pipfile-lock",
  ecosystem: "PyPI",
  matches: (basename) => basename === "Pipfile.lock",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const lock = parseJsonObject(input.text, input.relativePath, HINT);
    const meta = recordOf(field(lock, "_meta"));
    const spec = field(meta, "pipfile-spec");
    if (typeof spec !== "number" || !Number.isInteger(spec) || spec < 1 || spec > 6) {
      throw unsupportedVersion(input, spec ?? null, "pipfile-spec 1 to 6", HINT);
    }
    const indexes = new Map<string, string>();
    for (const source of arrayOf(field(meta, "sources"))) {
      const name = stringOf(field(recordOf(source), "name"));
      const url = stringOf(field(recordOf(source), "url"));
      if (name !== undefined && url !== undefined) indexes.set(name, url);
    }
    const lines = new Map<string, number>();
    locateJsonKeys(
      input.text,
      (path, line) => {
        if (path.length === 2) lines.set(`${path[0]}\u0000${path[1]}`, line);
      },
      2,
    );
    const declared = await pipfileNames(input);
    // The project itself appears as an editable `file = "."` entry; it names the root.
    let projectName: string | undefined;
    for (const [section] of SECTIONS) {
      for (const [name, value] of entriesOf(field(lock, section))) {
        const entry = recordOf(value);
        if (stringOf(field(entry, "path") ?? field(entry, "file")) === ".") projectName = normalizePyName(name);
      }
    }
    const rootId = addProjectRoot(graph, input, "PyPI", projectName, undefined);
    for (const [section, scope] of SECTIONS) {
      for (const [rawName, value] of entriesOf(field(lock, section))) {
        const entry = recordOf(value);
        const name = normalizePyName(rawName);
        const line = lines.get(`${section}\u0000${rawName}`);
        const location = line === undefined ? { file: input.relativePath } : { file: input.relativePath, line };
        if (!entry || name === projectName) continue;
        const pinned = /^===?\s*(\S+)$/.exec(stringOf(field(entry, "version")) ?? "")?.[1];
        const { source, qualifiers } = pipSource(entry, indexes);
        const version = pinned ?? (source?.type === "git" ? (stringOf(field(entry, "ref")) ?? "") : "");
        if (version === "") {
          graph.warn({
            code: "PYTHON_UNPINNED",
            message: `${input.relativePath}: ${rawName} in ${section} has no pinned version; it is listed without one`,
            location,
          });
        }
        const id = graph.addComponent({
          ecosystem: "PyPI",
          name,
          version,
          scope,
          hashes: sha256Hashes(arrayOf(field(entry, "hashes"))),
          ...(declared ? { direct: declared.has(name) } : {}),
          ...(source ? { source } : {}),
          ...(qualifiers ? { qualifiers } : {}),
          location,
        });
        graph.addEdge(rootId, id, scope === "development" ? "dev" : "prod");
      }
    }
  },
};
