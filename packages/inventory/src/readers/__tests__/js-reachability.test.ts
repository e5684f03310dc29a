import { describe, expect, it } from "vitest";
import type { DependencyGraph } from "../../model.js";
import type { LockfileReader } from "../../reader.js";
import { npmReader } from "../npm/npm-reader.js";
import { pnpmReader } from "../pnpm/pnpm-reader.js";
import { yarnBerryReader } from "../yarn/berry-reader.js";
import { corpusDir, readWith } from "./js-fixtures.js";

/** Components no path of edges from the graph root reaches. */
function unreachable(graph: DependencyGraph): string[] {
  const out = new Map<string, string[]>();
  for (const edge of graph.edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge.to]);
  const seen = new Set([graph.root.id]);
  const queue = [graph.root.id];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const to of out.get(id) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return graph.components.filter((c) => !seen.has(c.id)).map((c) => c.purl);
}

/**
 * A lockfile holds only what its projects need, so when every recorded edge is in the graph every
 * package is reachable from the root. (yarn classic is not here: yarn.lock does not list workspaces,
 * and the corpus lacks vite's workspace manifests, so packages only workspaces use are unreachable.)
 */
const CASES: Array<[string, string, string, LockfileReader]> = [
  ...[
    "Kong__insomnia",
    "Kong__insomnia@1f05683fad",
    "Kong__insomnia@422d5a809c",
    "actions__toolkit",
    "sigstore__sigstore-js",
    "BookStackApp__BookStack@c42b6aece9",
    "BookStackApp__BookStack@b87e97f99e",
  ].map((p): [string, string, string, LockfileReader] => ["npm", p, "package-lock.json", npmReader]),
  ...[
    "vitejs__vite@efc8979a2d",
    "vitejs__vite@fd9de0473e",
    "vitejs__vite",
    "changesets__changesets",
    "typescript-eslint__typescript-eslint",
  ].map((p): [string, string, string, LockfileReader] => ["pnpm", p, "pnpm-lock.yaml", pnpmReader]),
  ["yarn-berry", "typescript-eslint__typescript-eslint@d423e57622", "yarn.lock", yarnBerryReader],
];

describe("every package of a corpus lockfile is reachable from its root", () => {
  for (const [folder, prefix, lockfile, reader] of CASES) {
    it(`${folder} ${prefix}`, async () => {
      const graph = await readWith(await corpusDir(folder, prefix, lockfile), [reader]);
      expect(unreachable(graph)).toEqual([]);
      expect(graph.edges.length).toBeGreaterThan(graph.components.length);
    });
  }
});
