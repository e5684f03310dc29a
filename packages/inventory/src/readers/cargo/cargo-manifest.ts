import type { EdgeKind } from "../../model.js";
import type { LockfileInput } from "../../reader.js";
import { siblingPath } from "../shared/text-root.js";
import { entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";

/** What the Cargo.toml beside a Cargo.lock says about the project. */
export interface CargoManifest {
  /** `[package]` name and version; absent for a virtual workspace. */
  name?: string;
  version?: string;
  /** Edge kind of each crate the package depends on, by package name: dev-only → dev, optional-only → optional. */
  kinds: Map<string, EdgeKind>;
}

const RANK: Record<EdgeKind, number> = { prod: 0, peer: 0, optional: 1, dev: 2 };

/** Records `kind` for each dependency of a `[dependencies]`-like table, keeping the strongest kind seen. */
function collect(table: unknown, kind: EdgeKind, kinds: Map<string, EdgeKind>): void {
  for (const [key, spec] of entriesOf(table)) {
    const detail = recordOf(spec);
    const name = stringOf(field(detail, "package")) ?? key;
    const actual: EdgeKind = kind === "prod" && field(detail, "optional") === true ? "optional" : kind;
    const known = kinds.get(name);
    if (known === undefined || RANK[actual] < RANK[known]) kinds.set(name, actual);
  }
}

/** Reads Cargo.toml beside the lockfile, or undefined when there is none. */
export async function readCargoManifest(input: LockfileInput): Promise<CargoManifest | undefined> {
  const text = await input.readSibling("Cargo.toml");
  if (text === undefined) return undefined;
  const toml = await parseTomlFile(
    text,
    siblingPath(input, "Cargo.toml"),
    "fix the syntax of Cargo.toml (cargo metadata shows the error)",
  );
  const pkg = recordOf(field(toml, "package"));
  const workspacePackage = recordOf(field(recordOf(field(toml, "workspace")), "package"));
  const version = field(pkg, "version");
  const kinds = new Map<string, EdgeKind>();
  const tables: Array<Record<string, unknown> | undefined> = [toml];
  for (const [, target] of entriesOf(field(toml, "target"))) tables.push(recordOf(target));
  for (const table of tables) {
    collect(field(table, "dependencies"), "prod", kinds);
    collect(field(table, "build-dependencies"), "prod", kinds);
    collect(field(table, "dev-dependencies"), "dev", kinds);
  }
  const manifest: CargoManifest = { kinds };
  const name = stringOf(field(pkg, "name"));
  if (name !== undefined) manifest.name = name;
  // `version.workspace = true` inherits [workspace.package].version.
  const resolved = stringOf(version) ?? (recordOf(version) ? stringOf(field(workspacePackage, "version")) : undefined);
  if (resolved !== undefined) manifest.version = resolved;
  return manifest;
}
