import type { GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind, Hash, Scope, Source } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { locateJsonKeys } from "../shared/json-locate.js";
import { parseJsonObject } from "../shared/text-json.js";
import { addProjectRoot, siblingPath } from "../shared/text-root.js";
import { arrayOf, entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";

const HINT = "regenerate composer.lock with `composer update --lock`";
const SECTIONS: Array<[string, Scope]> = [
  ["packages", "required"],
  ["packages-dev", "development"],
];

/** Requirements on the platform (PHP itself, extensions, libraries, Composer) that are no packages. */
function isPlatform(name: string): boolean {
  return /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|composer(-plugin-api|-runtime-api)?|ext-.+|lib-.+)$/i.test(name);
}

/** Composer's `license` array as an SPDX expression: several licenses mean a choice (OR). */
export function composerLicense(value: unknown): string | undefined {
  const licenses = (Array.isArray(value) ? value : [value]).filter(
    (l): l is string => typeof l === "string" && l !== "",
  );
  if (licenses.length === 0) return undefined;
  return licenses.length === 1 ? licenses[0] : licenses.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(" OR ");
}

/** Where a package was resolved: its dist archive, else its VCS checkout at the locked reference. */
function composerSource(pkg: Record<string, unknown>): Source | undefined {
  const dist = recordOf(field(pkg, "dist"));
  const source = recordOf(field(pkg, "source"));
  const distUrl = stringOf(field(dist, "url"));
  if (distUrl) return { type: field(dist, "type") === "path" ? "file" : "registry", url: distUrl };
  const vcsUrl = stringOf(field(source, "url"));
  if (!vcsUrl) return undefined;
  const reference = stringOf(field(source, "reference"));
  return { type: field(source, "type") === "git" ? "git" : "url", url: reference ? `${vcsUrl}#${reference}` : vcsUrl };
}

/** The root's direct requirements from composer.json (require → prod, require-dev → dev), or undefined. */
async function manifestRequirements(input: LockfileInput) {
  const text = await input.readSibling("composer.json");
  if (text === undefined) return undefined;
  const json = parseJsonObject(text, siblingPath(input, "composer.json"), "fix the syntax of composer.json");
  const requires: Array<[string, EdgeKind]> = [];
  for (const [name] of entriesOf(field(json, "require"))) requires.push([name.toLowerCase(), "prod"]);
  for (const [name] of entriesOf(field(json, "require-dev"))) requires.push([name.toLowerCase(), "dev"]);
  return { name: stringOf(field(json, "name")), version: stringOf(field(json, "version")), requires };
}

/**
 * Reads composer.lock with composer.json: `packages` as required and `packages-dev` as
 * development, licenses, dist SHA-1 checksums, sources, `require` edges (through
 * `provide`/`replace` too), and the root's direct requirements.
 */
export const composerLockReader: LockfileReader = {
  format: "composer-lock",
  ecosystem: "Packagist",
  matches: (basename) => basename === "composer.lock",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const lock = parseJsonObject(input.text, input.relativePath, HINT);
    const lines = new Map<string, number[]>();
    locateJsonKeys(
      input.text,
      (path, line) => {
        if (path.length === 3 && path[1] === "[]" && path[2] === "name") {
          const list = lines.get(path[0] ?? "");
          if (list) list.push(line);
          else lines.set(path[0] ?? "", [line]);
        }
      },
      3,
    );
    const manifest = await manifestRequirements(input);
    const rootId = addProjectRoot(graph, input, "Packagist", manifest?.name?.toLowerCase(), manifest?.version);
    const byName = new Map<string, string[]>();
    const provide = (name: string, id: string) => {
      const ids = byName.get(name);
      if (!ids) byName.set(name, [id]);
      else if (!ids.includes(id)) ids.push(id);
    };
    const locked: Array<{ id: string; pkg: Record<string, unknown>; kind: EdgeKind }> = [];
    for (const [section, scope] of SECTIONS) {
      const entries = arrayOf(field(lock, section));
      const sectionLines = lines.get(section) ?? [];
      entries.forEach((entry, i) => {
        const pkg = recordOf(entry);
        const name = stringOf(field(pkg, "name"))?.toLowerCase();
        const version = stringOf(field(pkg, "version"));
        const line = sectionLines.length === entries.length ? sectionLines[i] : undefined;
        const location = line === undefined ? { file: input.relativePath } : { file: input.relativePath, line };
        if (!pkg || !name || version === undefined) {
          graph.warn({
            code: "LOCKFILE_ENTRY_SKIPPED",
            message: `${input.relativePath}: an entry of ${section} lacks a name or version`,
            location,
          });
          return;
        }
        const shasum = stringOf(field(recordOf(field(pkg, "dist")), "shasum"))?.toLowerCase();
        const hashes: Hash[] = shasum && /^[0-9a-f]{40}$/.test(shasum) ? [{ alg: "SHA-1", content: shasum }] : [];
        const source = composerSource(pkg);
        const license = composerLicense(field(pkg, "license"));
        const id = graph.addComponent({
          ecosystem: "Packagist",
          name,
          version,
          scope,
          hashes,
          ...(license ? { license } : {}),
          ...(source ? { source } : {}),
          location,
        });
        provide(name, id);
        for (const table of ["provide", "replace"])
          for (const [virtual] of entriesOf(field(pkg, table))) provide(virtual.toLowerCase(), id);
        locked.push({ id, pkg, kind: scope === "development" ? "dev" : "prod" });
      });
    }
    for (const { id, pkg } of locked) {
      for (const [dep] of entriesOf(field(pkg, "require"))) {
        for (const to of byName.get(dep.toLowerCase()) ?? []) graph.addEdge(id, to, "prod");
      }
    }
    if (manifest) {
      for (const [name, kind] of manifest.requires) {
        if (isPlatform(name)) continue;
        const targets = byName.get(name);
        if (!targets) {
          graph.warn({
            code: "LOCKFILE_OUT_OF_SYNC",
            message: `${siblingPath(input, "composer.json")} requires ${name}, which ${input.relativePath} does not lock; run composer update`,
            location: { file: input.relativePath },
          });
        }
        for (const to of targets ?? []) graph.addEdge(rootId, to, kind);
      }
      return;
    }
    const referenced = new Set<string>();
    for (const { pkg } of locked)
      for (const [dep] of entriesOf(field(pkg, "require")))
        for (const to of byName.get(dep.toLowerCase()) ?? []) referenced.add(to);
    for (const { id, kind } of locked) if (!referenced.has(id)) graph.addEdge(rootId, id, kind);
  },
};
