import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { directoryName } from "../shared/text-root.js";
import { type GoModLine, parseGoMod, parseGoSum } from "./go-mod-parse.js";

interface Replacement {
  path: string;
  version?: string;
}

/** A local directory replacement (`=> ./fork`) rather than another module version. */
function isLocalPath(path: string): boolean {
  return path.startsWith("./") || path.startsWith("../") || path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * Before Go 1.17 a go.mod lists only the modules its own packages import; the rest of the build list
 * (what those modules need) is computed by go from their go.mod files, which Tollgate does not fetch.
 * The SBOM then lacks the transitive modules, which must be said rather than passed over.
 */
function warnIfBeforeGo117(input: LockfileInput, directive: GoModLine, graph: GraphBuilder): void {
  // `1.21rc1` and `1.22.0` are versions too: the leading digits of each part count.
  const [major = Number.NaN, minor = 0] = (directive.args[0] ?? "").split(".").map((part) => Number.parseInt(part, 10));
  if (Number.isNaN(major) || major > 1 || (major === 1 && minor >= 17)) return;
  graph.warn({
    code: "GO_MOD_INCOMPLETE",
    message: `${input.relativePath} declares go ${directive.args[0]}: before go 1.17 go.mod does not list indirect dependencies, so the SBOM lists only the modules it requires; run go mod tidy -go=1.17 (or later) to record them all`,
    location: { file: input.relativePath, line: directive.line },
  });
}

/** The arguments of a directive, or LOCKFILE_PARSE when their number is wrong. */
function expectArgs(input: LockfileInput, directive: GoModLine, counts: number[], usage: string): string[] {
  if (counts.includes(directive.args.length)) return directive.args;
  throw new InventoryError("LOCKFILE_PARSE", `${input.relativePath}: malformed ${directive.verb}, expected ${usage}`, {
    location: { file: input.relativePath, line: directive.line, column: directive.column },
    hint: "fix go.mod (`go mod tidy` reports the same error) and run again",
  });
}

/** The replacement of a module: `path version => …` wins over `path => …`. */
function parseReplace(input: LockfileInput, directive: GoModLine, replaces: Map<string, Replacement>): void {
  const arrow = directive.args.indexOf("=>");
  const left = directive.args.slice(0, arrow);
  const right = directive.args.slice(arrow + 1);
  if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
    expectArgs(input, directive, [], "`module [version] => replacement [version]`");
  }
  const [oldPath = "", oldVersion] = left;
  const [path = "", version] = right;
  replaces.set(oldVersion ? `${oldPath}@${oldVersion}` : oldPath, version ? { path, version } : { path });
}

/**
 * Reads go.mod and the go.sum beside it: every required module (after `replace`),
 * `// indirect` as not direct, `exclude`d versions reported, go.sum `h1:` kept as a property.
 * go.sum records no graph, so the module root has an edge to each requirement.
 */
export const goModReader: LockfileReader = {
  format: "go-mod",
  ecosystem: "Go",
  matches: (basename) => basename === "go.mod",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const directives = parseGoMod(input.text, input.relativePath);
    const sum = parseGoSum((await input.readSibling("go.sum")) ?? "");
    const replaces = new Map<string, Replacement>();
    const excludes = new Set<string>();
    let module: string | undefined;
    for (const d of directives) {
      if (d.verb === "go") warnIfBeforeGo117(input, d, graph);
      if (d.verb === "module") module = expectArgs(input, d, [1], "`module path`")[0];
      else if (d.verb === "replace") parseReplace(input, d, replaces);
      else if (d.verb === "exclude") excludes.add(expectArgs(input, d, [2], "`module version`").join("@"));
    }
    const rootId = graph.addComponent({
      ecosystem: "Go",
      name: module ?? directoryName(input),
      version: "",
      role: "root",
      properties: excludes.size > 0 ? { "tollgate:go-excludes": [...excludes].sort().join(" ") } : {},
      location: { file: input.relativePath },
    });
    for (const d of directives) {
      if (d.verb !== "require") continue;
      const [path = "", version = ""] = expectArgs(input, d, [2], "`module version`");
      const indirect = /^indirect(;|$)/.test(d.comment);
      if (excludes.has(`${path}@${version}`)) {
        graph.warn({
          code: "GO_REQUIRE_EXCLUDED",
          message: `${input.relativePath} requires ${path}@${version}, which its own exclude directive excludes; go will select a later version`,
          location: { file: input.relativePath, line: d.line },
        });
      }
      const replacement = replaces.get(`${path}@${version}`) ?? replaces.get(path);
      const location = { file: input.relativePath, line: d.line };
      let id: string;
      if (!replacement) {
        const h1 = sum.get(`${path}@${version}`);
        id = graph.addComponent({
          ecosystem: "Go",
          name: path,
          version,
          direct: !indirect,
          properties: h1 ? { "tollgate:go-sum-h1": h1 } : {},
          location,
        });
      } else if (replacement.version === undefined || isLocalPath(replacement.path)) {
        // A directory replacement: the code built is that directory, imported under the original path.
        id = graph.addComponent({
          ecosystem: "Go",
          name: path,
          version: "",
          direct: !indirect,
          source: { type: "file", url: replacement.path },
          properties: { "tollgate:go-replaces": `${path}@${version}`, "tollgate:go-replace-path": replacement.path },
          location,
        });
      } else {
        const h1 = sum.get(`${replacement.path}@${replacement.version}`);
        id = graph.addComponent({
          ecosystem: "Go",
          name: replacement.path,
          version: replacement.version,
          direct: !indirect,
          properties: {
            "tollgate:go-replaces": `${path}@${version}`,
            ...(h1 ? { "tollgate:go-sum-h1": h1 } : {}),
          },
          location,
        });
      }
      graph.addEdge(rootId, id, "prod");
    }
  },
};
