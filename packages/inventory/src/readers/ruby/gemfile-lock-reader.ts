import type { GraphBuilder } from "../../graph-builder.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { addProjectRoot } from "../shared/text-root.js";
import { devOnlyGems } from "./gemfile-groups.js";
import { type LockedGem, parseGemfileLock } from "./gemfile-lock-parse.js";

/** The source and purl qualifiers of a locked gem: its gem server, git commit or local path, and platform. */
function gemOrigin(gem: LockedGem) {
  const qualifiers: Record<string, string> = {};
  if (gem.platform && gem.platform !== "ruby") qualifiers.platform = gem.platform;
  if (gem.section === "GIT" && gem.remote) {
    qualifiers.vcs_url = `git+${gem.remote}${gem.revision ? `@${gem.revision}` : ""}`;
    return {
      source: { type: "git" as const, url: gem.revision ? `${gem.remote}#${gem.revision}` : gem.remote },
      qualifiers,
    };
  }
  if (gem.section === "PATH") return { source: { type: "file" as const, url: gem.remote ?? "." }, qualifiers };
  return { ...(gem.remote ? { source: { type: "registry" as const, url: gem.remote } } : {}), qualifiers };
}

/**
 * Reads Gemfile.lock: every gem of the GEM, GIT and PATH sections (platform variants as
 * purl qualifiers), CHECKSUMS as SHA-256, nested dependency lines as edges, DEPENDENCIES
 * as the root's direct dependencies (dev edges for gems the Gemfile puts only in
 * development/test groups). A gem at PATH "." is the project itself and the root.
 */
export const gemfileLockReader: LockfileReader = {
  format: "gemfile-lock",
  ecosystem: "RubyGems",
  matches: (basename) => basename === "Gemfile.lock" || basename === "gems.locked",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const lock = parseGemfileLock(input.text, input.relativePath);
    const gemfile = (await input.readSibling(input.relativePath.endsWith("gems.locked") ? "gems.rb" : "Gemfile")) ?? "";
    const devOnly = devOnlyGems(gemfile);
    const project = lock.gems.find((g) => g.section === "PATH" && g.remote === ".");
    const rootId = addProjectRoot(graph, input, "RubyGems", project?.name, project?.version);
    const byName = new Map<string, string[]>();
    const idOf = new Map<LockedGem, string>();
    for (const gem of lock.gems) {
      if (gem === project) {
        byName.set(gem.name, [rootId]);
        idOf.set(gem, rootId);
        continue;
      }
      const full = `${gem.name} (${gem.version}${gem.platform ? `-${gem.platform}` : ""})`;
      const sha = lock.checksums.get(full);
      const { source, qualifiers } = gemOrigin(gem);
      const id = graph.addComponent({
        ecosystem: "RubyGems",
        name: gem.name,
        version: gem.version,
        hashes: sha ? [{ alg: "SHA-256", content: sha }] : [],
        ...(source ? { source } : {}),
        qualifiers,
        location: { file: input.relativePath, line: gem.line },
      });
      idOf.set(gem, id);
      const ids = byName.get(gem.name);
      if (ids) ids.push(id);
      else byName.set(gem.name, [id]);
    }
    for (const gem of lock.gems) {
      const from = idOf.get(gem) ?? rootId;
      // Each platform variant of a dependency is an edge: which one installs depends on the machine.
      for (const dependency of gem.dependencies)
        for (const to of byName.get(dependency) ?? []) graph.addEdge(from, to, "prod");
    }
    for (const { name, line } of lock.dependencies) {
      const targets = byName.get(name);
      if (!targets) {
        graph.warn({
          code: "GEM_NOT_LOCKED",
          message: `${input.relativePath} lists ${name} in DEPENDENCIES but locks no version of it (only needed on other platforms?)`,
          location: { file: input.relativePath, line },
        });
        continue;
      }
      for (const to of targets) graph.addEdge(rootId, to, devOnly.has(name) ? "dev" : "prod");
    }
  },
};
