// Bundles each action's compiled entry (actions/<name>/lib/main.js) with @vercel/ncc
// into actions/<name>/dist/index.js. With --out DIR, writes DIR/<name>/index.js instead
// (check-dist uses that to compare with what is committed).

import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { nccFrom, withWorkersBundled } from "./bundle-workers.mjs";

const root = new URL("..", import.meta.url).pathname;
const outIndex = process.argv.indexOf("--out");
const outRoot = outIndex > 0 ? process.argv[outIndex + 1] : undefined;

/**
 * @sigstore/tuf ships a cached TUF target with the npm registry's signing keys (for npm's own
 * provenance checks). Tollgate never fetches that target, and the project carries no registry
 * host names, so the cached entry is dropped from the bundle; the TUF client would fetch it if asked.
 */
export function withoutRegistryKeysSeed(code) {
  return code.replace(/,"registry\.[a-z]+\.org%2Fkeys\.json":"[A-Za-z0-9+/=]+"/g, "");
}

/** Bundles one action and returns the files written, relative to its dist dir. */
export async function bundle(name, distDir) {
  const entry = join(root, "actions", name, "lib", "main.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const dir = join(root, "actions", name);
  const { code, assets } = await nccFrom(dir, entry, { license: "licenses.txt" });
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  await writeFile(join(distDir, "index.js"), withoutRegistryKeysSeed(code));
  const written = ["index.js"];
  for (const [file, asset] of Object.entries(await withWorkersBundled(dir, assets))) {
    await mkdir(join(distDir, file, ".."), { recursive: true });
    const source = file.endsWith(".js") ? withoutRegistryKeysSeed(asset.source.toString()) : asset.source;
    await writeFile(join(distDir, file), source);
    written.push(file);
  }
  return written;
}

export async function actionNames() {
  const entries = await readdir(join(root, "actions"), { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(root, "actions", e.name, "action.yml")))
    .map((e) => e.name)
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `node scripts/bundle-actions.mjs [name ...] [--out DIR]`: all actions, or only those named.
  const named = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--out");
  for (const name of named.length > 0 ? named : await actionNames()) {
    const dist = outRoot ? join(outRoot, name) : join(root, "actions", name, "dist");
    const files = await bundle(name, dist);
    console.log(`bundled actions/${name}: ${files.join(", ")}`);
  }
}
