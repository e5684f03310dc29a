import type { GraphBuilder } from "../../graph-builder.js";

/**
 * A yarn.lock says neither which packages the project depends on directly nor which are for
 * development: both come from the package.json beside it. Without one, every package is listed as
 * a required dependency, which must not pass unremarked (`--omit dev` would keep everything).
 */
export function warnMissingManifest(graph: GraphBuilder, lockfile: string): void {
  const dir = lockfile.includes("/") ? lockfile.slice(0, lockfile.lastIndexOf("/") + 1) : "";
  graph.warn({
    code: "MANIFEST_MISSING",
    message: `${lockfile} has no ${dir}package.json beside it: without it Tollgate cannot tell the direct or the development dependencies, so every package is listed as a required dependency`,
    location: { file: lockfile },
  });
}
