import { InventoryError } from "../../errors.js";
import type { EdgeKind } from "../../model.js";
import { declaredDependencyKinds } from "../shared/js-manifest.js";
import { canonicalMemberKeyLines } from "../shared/json-canonical-lines.js";
import { locateJsonKeys } from "../shared/json-locate.js";
import { asRecord, asString, own, stringEntries } from "../shared/json-values.js";
import { gitCommit, isGitSpec } from "./npm-source.js";

/** One package location of an npm lockfile, v1 and v2/v3 alike, keyed by its install path. */
export interface NpmEntry {
  /** `""` for the root, `node_modules/a/node_modules/b`, or a directory such as `packages/x`. */
  path: string;
  line?: number;
  /** The real package name (for an alias, the package it installs). */
  name: string;
  /** The folder name when it differs from `name` (an `npm:` alias). */
  alias?: string;
  version: string;
  resolved?: string;
  integrity?: string;
  license?: string;
  dev: boolean;
  optional: boolean;
  devOptional: boolean;
  peer: boolean;
  bundled: boolean;
  /** For `link: true` entries, the path of the directory it links to. */
  link?: string;
  deps: Array<{ name: string; kind: EdgeKind }>;
}

const NODE_MODULES = "node_modules/";

/** The folder name of an install path (`node_modules/@s/a` → `@s/a`), or undefined outside node_modules. */
export function folderName(path: string): string | undefined {
  const at = path.lastIndexOf(NODE_MODULES);
  if (at === -1 || (at > 0 && path[at - 1] !== "/")) return undefined;
  return path.slice(at + NODE_MODULES.length);
}

function invalid(file: string, line: number | undefined, what: string): InventoryError {
  return new InventoryError("LOCKFILE_INVALID", `${file}: ${what}`, {
    location: line === undefined ? { file } : { file, line },
    hint: "regenerate the lockfile with npm install",
  });
}

function licenseOf(value: unknown): string | undefined {
  return asString(value) ?? asString(asRecord(value)?.type);
}

/** The line of each key of `packages`, by a scan of the text (any layout). */
function scannedPackageLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  locateJsonKeys(
    text,
    (path, line) => {
      if (path.length === 2 && path[0] === "packages" && path[1] !== undefined) lines.set(path[1], line);
    },
    2,
  );
  return lines;
}

/** Reads the `packages` map of a v2/v3 lockfile (`document`, parsed from `text`). */
export function entriesV2(text: string, document: Record<string, unknown>, file: string): Map<string, NpmEntry> {
  const packages = asRecord(document.packages) ?? {};
  const lines = canonicalMemberKeyLines(text, document, "packages") ?? scannedPackageLines(text);
  const entries = new Map<string, NpmEntry>();
  for (const path of Object.keys(packages)) {
    const line = lines.get(path);
    const data = asRecord(own(packages, path));
    if (!data) throw invalid(file, line, `packages["${path}"] is not an object`);
    const folder = folderName(path);
    const declared = asString(data.name);
    const name = declared ?? folder ?? path.slice(path.lastIndexOf("/") + 1);
    const entry: NpmEntry = {
      path,
      name,
      version: asString(data.version) ?? "",
      dev: data.dev === true,
      optional: data.optional === true,
      devOptional: data.devOptional === true,
      peer: data.peer === true,
      bundled: data.inBundle === true,
      deps: declaredDependencyKinds(data),
    };
    if (line !== undefined) entry.line = line;
    if (folder !== undefined && declared !== undefined && declared !== folder) entry.alias = folder;
    const resolved = asString(data.resolved);
    if (data.link === true) entry.link = resolved ?? "";
    else if (resolved !== undefined) entry.resolved = resolved;
    const integrity = asString(data.integrity);
    if (integrity !== undefined) entry.integrity = integrity;
    const license = licenseOf(data.license);
    if (license !== undefined) entry.license = license;
    entries.set(path, entry);
  }
  return entries;
}

/** Interprets a v1 `version`, which may be an alias, a git spec, a file path or a URL. */
function v1Version(key: string, spec: string, resolved: string | undefined): Partial<NpmEntry> {
  if (spec.startsWith("npm:")) {
    const body = spec.slice(4);
    const at = body.lastIndexOf("@");
    if (at > 0) return { name: body.slice(0, at), alias: key, version: body.slice(at + 1) };
  }
  if (isGitSpec(spec)) return { version: gitCommit(resolved ?? spec) ?? gitCommit(spec) ?? "", resolved: spec };
  if (spec.startsWith("file:") || /^https?:\/\//.test(spec)) return { version: "", resolved: spec };
  return resolved === undefined ? { version: spec } : { version: spec, resolved };
}

/** Flattens the nested `dependencies` of a v1 lockfile into install paths. */
export function entriesV1(text: string, dependencies: Record<string, unknown>, file: string): Map<string, NpmEntry> {
  const lines = new Map<string, number>();
  locateJsonKeys(text, (path, line) => {
    if (path.length % 2 !== 0) return;
    for (let i = 0; i < path.length; i += 2) if (path[i] !== "dependencies") return;
    let install = "";
    for (let i = 1; i < path.length; i += 2) install += `${i > 1 ? "/" : ""}${NODE_MODULES}${path[i]}`;
    lines.set(install, line);
  });
  const entries = new Map<string, NpmEntry>();
  const walk = (deps: Record<string, unknown>, parent: string): void => {
    for (const key of Object.keys(deps)) {
      const path = `${parent === "" ? "" : `${parent}/`}${NODE_MODULES}${key}`;
      const line = lines.get(path);
      const data = asRecord(own(deps, key));
      if (!data) throw invalid(file, line, `dependencies["${key}"] is not an object`);
      const spec = asString(data.version) ?? "";
      const entry: NpmEntry = {
        path,
        name: key,
        version: "",
        dev: data.dev === true,
        optional: data.optional === true,
        devOptional: false,
        peer: false,
        bundled: data.bundled === true,
        deps: stringEntries(data.requires).map(([name]) => ({ name, kind: "prod" as const })),
        ...v1Version(key, spec, asString(data.resolved)),
      };
      if (line !== undefined) entry.line = line;
      const integrity = asString(data.integrity);
      if (integrity !== undefined) entry.integrity = integrity;
      entries.set(path, entry);
      const nested = asRecord(data.dependencies);
      if (nested) walk(nested, path);
    }
  };
  walk(dependencies, "");
  return entries;
}
