import { posix } from "node:path";
import { InventoryError } from "../../errors.js";
import type { EdgeKind } from "../../model.js";
import type { LockfileInput } from "../../reader.js";
import { parseJsonLockfile } from "./json-locate.js";
import { asRecord, asString, stringEntries } from "./json-values.js";

/** The fields of a package.json the JavaScript readers use. */
export interface JsManifest {
  /** Path relative to the scanned directory, for messages. */
  file: string;
  name?: string;
  version?: string;
  /** Declared dependencies by kind, name → range. */
  dependencies: Array<{ name: string; range: string; kind: EdgeKind }>;
  /** Workspace globs (npm/yarn `workspaces`, array or `{ packages }`). */
  workspaces: string[];
  /** yarn `resolutions`: `name` or `name@range` → the range (or locator) used instead. */
  resolutions: Record<string, string>;
}

/** package.json dependency fields and the edge kind each declares. */
export const DEPENDENCY_FIELDS: ReadonlyArray<readonly [string, EdgeKind]> = [
  ["dependencies", "prod"],
  ["optionalDependencies", "optional"],
  ["peerDependencies", "peer"],
  ["devDependencies", "dev"],
];

/** The declared dependencies of a package.json-shaped object (also lockfile entries that copy it). */
export function declaredDependencies(data: Record<string, unknown>): JsManifest["dependencies"] {
  const out: JsManifest["dependencies"] = [];
  for (const [field, kind] of DEPENDENCY_FIELDS) {
    for (const [name, range] of stringEntries(data[field])) out.push({ name, range, kind });
  }
  return out;
}

/** declaredDependencies without the ranges (what a lockfile entry's edges need), in the same order. */
export function declaredDependencyKinds(data: Record<string, unknown>): Array<{ name: string; kind: EdgeKind }> {
  const out: Array<{ name: string; kind: EdgeKind }> = [];
  for (const [field, kind] of DEPENDENCY_FIELDS) {
    const record = asRecord(data[field]);
    if (!record) continue;
    for (const name of Object.keys(record)) if (typeof record[name] === "string") out.push({ name, kind });
  }
  return out;
}

/** Interprets parsed package.json data; anything of the wrong type is ignored. */
export function toManifest(data: unknown, file: string): JsManifest {
  const record = asRecord(data) ?? {};
  const ws = record.workspaces;
  const globs = Array.isArray(ws) ? ws : asRecord(ws)?.packages;
  const manifest: JsManifest = {
    file,
    dependencies: declaredDependencies(record),
    workspaces: Array.isArray(globs) ? globs.filter((g): g is string => typeof g === "string") : [],
    resolutions: Object.fromEntries(stringEntries(record.resolutions)),
  };
  const name = asString(record.name);
  const version = asString(record.version);
  if (name) manifest.name = name;
  if (version) manifest.version = version;
  return manifest;
}

/**
 * Reads the package.json at `relative` (default: beside the lockfile), or undefined when
 * there is none. A malformed manifest is an error naming it: the graph would be wrong without it.
 */
export async function readJsManifest(input: LockfileInput, relative = "package.json"): Promise<JsManifest | undefined> {
  const text = await input.readSibling(relative);
  if (text === undefined) return undefined;
  const file = posix.join(posix.dirname(input.relativePath), relative);
  const data = parseJsonLockfile(text, file, "fix the package.json syntax");
  if (!asRecord(data)) {
    throw new InventoryError("LOCKFILE_INVALID", `${file} is not a JSON object`, {
      location: { file, line: 1, column: 1 },
      hint: "a package.json holds one JSON object",
    });
  }
  return toManifest(data, file);
}
