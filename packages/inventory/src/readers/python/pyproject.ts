import type { EdgeKind } from "../../model.js";
import type { LockfileInput } from "../../reader.js";
import { siblingPath } from "../shared/text-root.js";
import { arrayOf, entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";
import { normalizePyName, requirementName } from "./pep508.js";

/** What pyproject.toml (PEP 621, Poetry, uv, PEP 735) says about the project and its direct dependencies. */
export interface PyProject {
  name?: string;
  version?: string;
  /** Direct dependencies by normalised name: prod, optional (extras) or dev (groups). */
  direct: Map<string, EdgeKind>;
}

const RANK: Record<EdgeKind, number> = { prod: 0, peer: 0, optional: 1, dev: 2 };

function note(direct: Map<string, EdgeKind>, name: string | undefined, kind: EdgeKind): void {
  if (name === undefined || name === "python") return;
  const known = direct.get(name);
  if (known === undefined || RANK[kind] < RANK[known]) direct.set(name, kind);
}

/** Notes each PEP 508 string of a list. */
function fromList(direct: Map<string, EdgeKind>, list: unknown, kind: EdgeKind): void {
  for (const item of arrayOf(list)) {
    const text = stringOf(item);
    if (text !== undefined) note(direct, requirementName(text), kind);
  }
}

/** Notes each key of a Poetry dependency table (`name = "^1.0"` or `{ version, optional }`). */
function fromPoetryTable(direct: Map<string, EdgeKind>, table: unknown, kind: EdgeKind): void {
  for (const [name, spec] of entriesOf(table)) {
    const optional = field(recordOf(spec), "optional") === true;
    note(direct, normalizePyName(name), kind === "prod" && optional ? "optional" : kind);
  }
}

/** Reads pyproject.toml beside the lockfile, or undefined when there is none. */
export async function readPyProject(input: LockfileInput): Promise<PyProject | undefined> {
  const text = await input.readSibling("pyproject.toml");
  if (text === undefined) return undefined;
  const toml = await parseTomlFile(text, siblingPath(input, "pyproject.toml"), "fix the syntax of pyproject.toml");
  const project = recordOf(field(toml, "project"));
  const tool = recordOf(field(toml, "tool"));
  const poetry = recordOf(field(tool, "poetry"));
  const direct = new Map<string, EdgeKind>();
  fromList(direct, field(project, "dependencies"), "prod");
  for (const [, list] of entriesOf(field(project, "optional-dependencies"))) fromList(direct, list, "optional");
  for (const [, list] of entriesOf(field(toml, "dependency-groups"))) fromList(direct, list, "dev");
  fromList(direct, field(recordOf(field(tool, "uv")), "dev-dependencies"), "dev");
  fromPoetryTable(direct, field(poetry, "dependencies"), "prod");
  fromPoetryTable(direct, field(poetry, "dev-dependencies"), "dev");
  for (const [group, spec] of entriesOf(field(poetry, "group"))) {
    fromPoetryTable(direct, field(recordOf(spec), "dependencies"), group === "main" ? "prod" : "dev");
  }
  const result: PyProject = { direct };
  const name = stringOf(field(project, "name")) ?? stringOf(field(poetry, "name"));
  const version = stringOf(field(project, "version")) ?? stringOf(field(poetry, "version"));
  if (name !== undefined) result.name = normalizePyName(name);
  if (version !== undefined) result.version = version;
  return result;
}
