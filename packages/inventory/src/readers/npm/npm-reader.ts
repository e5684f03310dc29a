import { basename, dirname, posix } from "node:path";
import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { LockfileInput, LockfileReader, ReadOutcome } from "../../reader.js";
import { type JsManifest, readJsManifest } from "../shared/js-manifest.js";
import { parseJsonLockfile, positionAt } from "../shared/json-locate.js";
import { asRecord, asString } from "../shared/json-values.js";
import { entriesV1, entriesV2, type NpmEntry } from "./npm-entries.js";
import { addNpmGraph, resolveFrom } from "./npm-graph.js";

const SUPPORTED_VERSIONS = [1, 2, 3];
const HINT = "regenerate the lockfile with npm install";

function lockfileVersionError(text: string, file: string, found: unknown): InventoryError {
  const at = text.indexOf('"lockfileVersion"');
  const where = at === -1 ? { file } : { file, ...positionAt(text, at) };
  const shown = found === undefined ? "no lockfileVersion" : `lockfileVersion ${JSON.stringify(found)}`;
  return new InventoryError(
    "LOCKFILE_VERSION",
    `${file} has ${shown}; supported lockfileVersion values are ${SUPPORTED_VERSIONS.join(", ")}`,
    { location: where, hint: "regenerate it with npm 7 or later (lockfileVersion 3), or upgrade Tollgate" },
  );
}

/** Warns about each dependency package.json declares that the lockfile does not resolve. */
function checkInSync(manifest: JsManifest, entries: Map<string, NpmEntry>, file: string, graph: GraphBuilder): void {
  for (const dep of manifest.dependencies) {
    if (dep.kind === "peer" || resolveFrom(entries, "", dep.name)) continue;
    graph.warn({
      code: "LOCKFILE_OUT_OF_SYNC",
      message: `${file} does not lock "${dep.name}" (${dep.range}), which ${manifest.file} declares; run npm install to update the lockfile`,
      location: { file },
    });
  }
}

/** Reads a parsed npm lockfile of a supported version into the graph. */
async function readNpmLockfile(input: LockfileInput, graph: GraphBuilder): Promise<void> {
  const file = input.relativePath;
  const data = asRecord(parseJsonLockfile(input.text, file, HINT));
  if (!data) {
    throw new InventoryError("LOCKFILE_INVALID", `${file} is not a JSON object`, {
      location: { file, line: 1, column: 1 },
      hint: HINT,
    });
  }
  const version = data.lockfileVersion;
  if (typeof version !== "number" || !SUPPORTED_VERSIONS.includes(version)) {
    throw lockfileVersionError(input.text, file, version);
  }
  const packages = asRecord(data.packages);
  if (version === 3 && !packages) {
    throw new InventoryError("LOCKFILE_INVALID", `${file}: lockfileVersion ${version} needs a "packages" object`, {
      location: { file },
      hint: HINT,
    });
  }
  // v2 keeps v1's `dependencies` for npm 6, so without `packages` it is still readable; v3 is not.
  const entries =
    version >= 2 && packages
      ? entriesV2(input.text, data, file)
      : entriesV1(input.text, asRecord(data.dependencies) ?? {}, file);
  const manifest = await readJsManifest(input);
  const rootEntry = asRecord(packages?.[""]);
  const name =
    manifest?.name ?? asString(rootEntry?.name) ?? asString(data.name) ?? (basename(dirname(input.path)) || "project");
  const rootId = graph.addComponent({
    ecosystem: "npm",
    name,
    version: manifest?.version ?? asString(rootEntry?.version) ?? asString(data.version) ?? "",
    role: "root",
    location: { file, line: entries.get("")?.line ?? 1 },
  });
  const workspaces = manifest?.workspaces.length ? manifest.workspaces : workspaceGlobs(rootEntry);
  addNpmGraph({ file, entries, rootId, workspaces, ...(manifest ? { manifest } : {}) }, graph);
  if (manifest) checkInSync(manifest, entries, file, graph);
}

function workspaceGlobs(rootEntry: Record<string, unknown> | undefined): string[] {
  const ws = rootEntry?.workspaces;
  const list = Array.isArray(ws) ? ws : asRecord(ws)?.packages;
  return Array.isArray(list) ? list.filter((g): g is string => typeof g === "string") : [];
}

/** npm `package-lock.json` and `npm-shrinkwrap.json`, lockfileVersion 1, 2 and 3. */
export const npmReader: LockfileReader = {
  format: "npm-package-lock",
  ecosystem: "npm",
  matches: (basename) => basename === "package-lock.json" || basename === "npm-shrinkwrap.json",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<ReadOutcome | undefined> {
    if (posix.basename(input.relativePath) === "package-lock.json") {
      if ((await input.readSibling("npm-shrinkwrap.json")) !== undefined) {
        const reason = `${input.relativePath} is ignored: npm-shrinkwrap.json beside it takes precedence, as in npm`;
        graph.warn({ code: "LOCKFILE_SUPERSEDED", message: reason, location: { file: input.relativePath } });
        return { skipped: true, reason };
      }
    }
    await readNpmLockfile(input, graph);
    return undefined;
  },
};
