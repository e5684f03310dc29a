import { basename, dirname } from "node:path";
import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { EdgeKind } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { type JsManifest, readJsManifest } from "../shared/js-manifest.js";
import { warnUnlocked } from "../shared/js-sync.js";
import { asRecord, asString, own, stringEntries } from "../shared/json-values.js";
import { warnMissingManifest } from "../shared/missing-manifest.js";
import { unresolvedDependency } from "../shared/unresolved.js";
import { parseYamlLockfile } from "../shared/yaml-lockfile.js";
import { type BerryLocator, parseLocator, splitDescriptor } from "./berry-resolution.js";
import { isBerryLockfile } from "./yarn-detect.js";

const HINT = "regenerate the lockfile with yarn install";
/** `__metadata.version` of yarn 2 (4), yarn 3 (5, 6) and yarn 4 (7, 8). */
const SUPPORTED = [4, 5, 6, 7, 8];

/** The kind of a workspace's dependency: its manifest tells dev from prod; the lockfile merges them. */
function kindIn(manifest: JsManifest | undefined, name: string): EdgeKind {
  return manifest?.dependencies.find((d) => d.name === name && d.kind !== "peer")?.kind ?? "prod";
}

/** Reads a yarn berry lockfile into the graph. */
async function readBerry(input: LockfileInput, graph: GraphBuilder): Promise<void> {
  const file = input.relativePath;
  const lock = await parseYamlLockfile(input.text, file, HINT, "__metadata", "failsafe");
  const version = asRecord(lock.data.__metadata)?.version;
  const numeric = typeof version === "string" ? Number(version) : version;
  if (typeof numeric !== "number" || !SUPPORTED.includes(numeric)) {
    throw new InventoryError(
      "LOCKFILE_VERSION",
      `${file} has __metadata.version ${typeof version === "string" ? version : (JSON.stringify(version) ?? "(none)")}; supported yarn berry lockfile versions are ${SUPPORTED.join(", ")}`,
      {
        location: { file, line: lock.lineOf("", "__metadata") ?? 1 },
        hint: "regenerate it with yarn 2 or later, or upgrade Tollgate",
      },
    );
  }
  const keys = Object.keys(lock.data).filter((k) => k !== "__metadata");
  const byDescriptor = new Map<string, string>();
  for (const key of keys) {
    for (const d of key.split(",")) {
      byDescriptor.set(d.trim(), key);
      // `link:`/`portal:` descriptors carry `::locator=…` in the key but not where they are used.
      const bare = d.trim().split("::")[0] ?? "";
      if (!byDescriptor.has(bare)) byDescriptor.set(bare, key);
    }
  }

  const manifest = await readJsManifest(input);
  if (!manifest) warnMissingManifest(graph, file);
  const find = (name: string, range: string) =>
    byDescriptor.get(`${name}@${range}`) ?? byDescriptor.get(`${name}@npm:${range}`);
  // The root's `resolutions` replace a range everywhere; the lockfile keys the replacement.
  const resolutions = new Map(Object.entries(manifest?.resolutions ?? {}));
  const lookup = (name: string, range: string): string | undefined => {
    const override = resolutions.get(`${name}@${range}`) ?? resolutions.get(name);
    return find(name, range) ?? (override === undefined ? undefined : find(name, override));
  };
  const locators = new Map<string, BerryLocator>();
  for (const key of keys) {
    const entry = asRecord(own(lock.data, key)) ?? {};
    const locator = parseLocator(asString(entry.resolution) ?? "", asString(entry.version) ?? "");
    if (!locator) {
      throw new InventoryError("LOCKFILE_INVALID", `${file}: "${key}" has no valid resolution`, {
        location: { file, line: lock.lineOf("", key) ?? 1 },
        hint: HINT,
      });
    }
    locators.set(key, locator);
  }
  const rootKey = keys.find((k) => locators.get(k)?.protocol === "workspace:" && locators.get(k)?.reference === ".");
  const rootId = graph.addComponent({
    ecosystem: "npm",
    name:
      manifest?.name ??
      (rootKey ? locators.get(rootKey)?.name : undefined) ??
      (basename(dirname(input.path)) || "project"),
    version: manifest?.version ?? "",
    role: "root",
    location: { file, line: (rootKey ? lock.lineOf("", rootKey) : undefined) ?? 1 },
  });

  const ids = new Map<string, string>();
  const manifests = new Map<string, JsManifest | undefined>([[".", manifest]]);
  for (const key of keys) {
    const entry = asRecord(own(lock.data, key)) ?? {};
    const locator = locators.get(key) as BerryLocator;
    const line = lock.lineOf("", key);
    const location = line === undefined ? { file } : { file, line };
    // yarn writes 0.0.0-use.local for workspaces and links: no version of the package is known.
    const raw = asString(entry.version) ?? "";
    const recorded = raw === "0.0.0-use.local" ? "" : raw;
    if (locator.protocol === "workspace:") {
      if (locator.reference === ".") {
        ids.set(key, rootId);
        continue;
      }
      const wsManifest = await readJsManifest(input, `${locator.reference}/package.json`).catch(() => undefined);
      manifests.set(locator.reference, wsManifest);
      const id = graph.addComponent({
        ecosystem: "npm",
        name: locator.name,
        version: wsManifest?.version ?? recorded,
        role: "workspace",
        source: { type: "workspace", url: locator.reference },
        location,
      });
      ids.set(key, id);
      graph.addEdge(rootId, id, "prod");
      continue;
    }
    const properties: Record<string, string> = {};
    const checksum = asString(entry.checksum);
    if (checksum !== undefined) properties["tollgate:yarn-checksum"] = checksum;
    if (locator.patch !== undefined) properties["tollgate:yarn-patch"] = locator.patch;
    const keyName = splitDescriptor(key.split(",")[0]?.trim() ?? "")?.[0];
    if (keyName !== undefined && keyName !== locator.name) properties["tollgate:npm-alias"] = keyName;
    ids.set(
      key,
      graph.addComponent({
        ecosystem: "npm",
        name: locator.name,
        version: recorded,
        ...(locator.source ? { source: locator.source } : {}),
        ...(locator.qualifiers ? { qualifiers: locator.qualifiers } : {}),
        properties,
        location,
      }),
    );
  }

  for (const key of keys) {
    const entry = asRecord(own(lock.data, key)) ?? {};
    const from = ids.get(key);
    const locator = locators.get(key) as BerryLocator;
    if (from === undefined) continue;
    const wsManifest = locator.protocol === "workspace:" ? manifests.get(locator.reference) : undefined;
    const meta = asRecord(entry.dependenciesMeta) ?? {};
    for (const [name, range] of stringEntries(entry.dependencies)) {
      const target = lookup(name, range);
      const to = target === undefined ? undefined : ids.get(target);
      const optional = asRecord(own(meta, name))?.optional === "true";
      if (target === undefined && !optional) {
        const line = lock.lineOf("", key);
        throw unresolvedDependency(
          line === undefined ? { file } : { file, line },
          `"${key}"`,
          `${name}@${range}`,
          "regenerate it with yarn install",
        );
      }
      if (to === undefined) continue;
      graph.addEdge(
        from,
        to,
        locator.protocol === "workspace:" ? kindIn(wsManifest, name) : optional ? "optional" : "prod",
      );
    }
  }
  const rootEntry = rootKey ? asRecord(own(lock.data, rootKey)) : undefined;
  if (manifest && rootEntry) {
    const locked = new Set(stringEntries(rootEntry.dependencies).map(([name]) => name));
    warnUnlocked(graph, manifest, file, (name) => locked.has(name), "yarn install");
  }
}

/** yarn berry (2+) `yarn.lock`: YAML with `__metadata`, `workspace:`, `patch:` and `npm:` protocols. */
export const yarnBerryReader: LockfileReader = {
  format: "yarn-berry",
  ecosystem: "npm",
  matches: (name, head) => name === "yarn.lock" && (head === undefined || isBerryLockfile(head)),
  read: readBerry,
};
