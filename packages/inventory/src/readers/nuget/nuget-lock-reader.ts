import type { GraphBuilder } from "../../graph-builder.js";
import type { Hash } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { locateJsonKeys } from "../shared/json-locate.js";
import { parseJsonObject } from "../shared/text-json.js";
import { addProjectRoot, directoryName, unsupportedVersion } from "../shared/text-root.js";
import { entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";

const HINT = "regenerate packages.lock.json with `dotnet restore --force-evaluate`";

interface Entry {
  name: string;
  version: string;
  type: string;
  contentHash?: string;
  line?: number;
  frameworks: Set<string>;
}

/** A NuGet contentHash (base64 SHA-512 of the .nupkg) as lower-case hex, or undefined when malformed. */
export function contentHashHex(value: string | undefined): string | undefined {
  if (value === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const bytes = Buffer.from(value, "base64");
  return bytes.length === 64 ? bytes.toString("hex") : undefined;
}

/** The project's version from `<Version>` of the project file named after the directory, if any. */
async function projectVersion(input: LockfileInput): Promise<string | undefined> {
  for (const extension of ["csproj", "fsproj", "vbproj"]) {
    const text = await input.readSibling(`${directoryName(input)}.${extension}`);
    const version = text === undefined ? undefined : /<Version>\s*([^<\s]+)\s*<\/Version>/.exec(text)?.[1];
    if (version !== undefined) return version;
  }
  return undefined;
}

/**
 * Reads NuGet packages.lock.json (version 1 and 2): every package of every target framework
 * (listed as a property), `Direct` as direct dependencies of the project, `Project`
 * references as workspace members, contentHash as SHA-512, and each package's dependencies
 * as edges within its target framework.
 */
export const nugetLockReader: LockfileReader = {
  format: "nuget-lock",
  ecosystem: "NuGet",
  matches: (basename) => basename === "packages.lock.json",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const lock = parseJsonObject(input.text, input.relativePath, HINT);
    const version = field(lock, "version");
    if (version !== 1 && version !== 2)
      throw unsupportedVersion(input, version ?? null, "packages.lock.json version 1 and 2", HINT);
    const lines = new Map<string, number>();
    locateJsonKeys(
      input.text,
      (path, line) => {
        if (path.length === 3 && path[0] === "dependencies") lines.set(`${path[1]}\u0000${path[2]}`, line);
      },
      3,
    );
    const rootId = addProjectRoot(graph, input, "NuGet", undefined, await projectVersion(input));
    // First pass: one entry per package and version, with every framework that locks it.
    const entries = new Map<string, Entry>();
    const frameworks: Array<[string, Array<[string, Record<string, unknown>]>]> = [];
    for (const [framework, packages] of entriesOf(field(lock, "dependencies"))) {
      const list: Array<[string, Record<string, unknown>]> = [];
      for (const [name, value] of entriesOf(packages)) {
        const pkg = recordOf(value);
        if (!pkg) continue;
        list.push([name, pkg]);
        const type = stringOf(field(pkg, "type")) ?? "";
        const resolved = type === "Project" ? "" : (stringOf(field(pkg, "resolved")) ?? "");
        const key = `${name.toLowerCase()}@${resolved}`;
        const known = entries.get(key);
        if (known) {
          known.frameworks.add(framework);
          if (type === "Direct") known.type = type;
          continue;
        }
        const entry: Entry = { name, version: resolved, type, frameworks: new Set([framework]) };
        const hash = stringOf(field(pkg, "contentHash"));
        if (hash !== undefined) entry.contentHash = hash;
        const line = lines.get(`${framework}\u0000${name}`);
        if (line !== undefined) entry.line = line;
        entries.set(key, entry);
      }
      frameworks.push([framework, list]);
    }
    const ids = new Map<string, string>();
    for (const [key, entry] of entries) {
      const hex = contentHashHex(entry.contentHash);
      const hashes: Hash[] = hex ? [{ alg: "SHA-512", content: hex }] : [];
      const project = entry.type === "Project";
      ids.set(
        key,
        graph.addComponent({
          ecosystem: "NuGet",
          name: entry.name,
          version: entry.version,
          role: project ? "workspace" : "dependency",
          hashes,
          ...(project ? {} : { direct: entry.type === "Direct" }),
          properties: { "tollgate:nuget-target-frameworks": [...entry.frameworks].sort().join(",") },
          location:
            entry.line === undefined ? { file: input.relativePath } : { file: input.relativePath, line: entry.line },
        }),
      );
    }
    // Second pass: edges, resolving each dependency name within the same framework.
    for (const [, list] of frameworks) {
      const inFramework = new Map<string, string>();
      for (const [name, pkg] of list) {
        const type = stringOf(field(pkg, "type")) ?? "";
        const id = ids.get(
          `${name.toLowerCase()}@${type === "Project" ? "" : (stringOf(field(pkg, "resolved")) ?? "")}`,
        );
        if (id === undefined) continue;
        inFramework.set(name.toLowerCase(), id);
        if (type === "Direct" || type === "Project") graph.addEdge(rootId, id, "prod");
      }
      for (const [name, pkg] of list) {
        const from = inFramework.get(name.toLowerCase());
        if (from === undefined) continue;
        for (const [dependency] of entriesOf(field(pkg, "dependencies"))) {
          const to = inFramework.get(dependency.toLowerCase());
          if (to !== undefined) graph.addEdge(from, to, "prod");
        }
      }
    }
  },
};
