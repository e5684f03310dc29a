import type { GraphBuilder } from "../../graph-builder.js";
import type { JsManifest } from "./js-manifest.js";

/**
 * Warns (LOCKFILE_OUT_OF_SYNC) about each dependency the manifest declares that the lockfile
 * does not lock. Peer dependencies are left out: package managers need not install them.
 */
export function warnUnlocked(
  graph: GraphBuilder,
  manifest: JsManifest,
  file: string,
  isLocked: (name: string, range: string) => boolean,
  fix: string,
): void {
  for (const dep of manifest.dependencies) {
    if (dep.kind === "peer" || isLocked(dep.name, dep.range)) continue;
    graph.warn({
      code: "LOCKFILE_OUT_OF_SYNC",
      message: `${file} does not lock "${dep.name}" (${dep.range}), which ${manifest.file} declares; run ${fix} to update the lockfile`,
      location: { file },
    });
  }
}
