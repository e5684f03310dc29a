// Worker-thread entries in ncc bundles, shared by the CLI's and the actions' bundlers.
// ncc copies a worker's entry (`new Worker(new URL("./worker.js", import.meta.url))`) as an
// asset, unbundled: its own imports (`./scan.js`) would not exist beside it, so the worker would
// fail the moment it started. Each such asset is replaced by a bundle of the worker.

import { readFile } from "node:fs/promises";
import ncc from "@vercel/ncc";
import { glob } from "tinyglobby";

const root = new URL("..", import.meta.url).pathname;

/**
 * ncc's bundle of `entry`, run from `dir`: ncc applies the tsconfig.json of the working directory,
 * and the root one maps @tollgate/* to TypeScript sources, which must not leak into a bundle of built JS.
 */
export async function nccFrom(dir, entry, options = {}) {
  const previous = process.cwd();
  process.chdir(dir);
  return ncc(entry, {
    cache: false,
    minify: false,
    sourceMap: false,
    quiet: true,
    target: "es2022",
    ...options,
  }).finally(() => process.chdir(previous));
}

/** The built worker-thread entries of the packages (each `worker.js` under a `dist/`), by their source text. */
async function workerEntries() {
  const byText = new Map();
  for (const file of await glob("packages/*/dist/**/worker.js", { cwd: root, absolute: true })) {
    byText.set(await readFile(file, "utf8"), file);
  }
  return byText;
}

/**
 * A bundle's assets (file name → { source }) with every copied worker entry replaced by a working
 * bundle of it, bundled from `dir` (the package or action the bundle is made for).
 */
export async function withWorkersBundled(dir, assets) {
  const all = { ...(assets ?? {}) };
  const workers = await workerEntries();
  for (const [file, asset] of Object.entries(assets ?? {})) {
    const entry = file.endsWith(".js") ? workers.get(asset.source.toString()) : undefined;
    if (entry === undefined) continue;
    const worker = await nccFrom(dir, entry);
    // The worker's bundle has chunks of its own, whose names would clash with the host's: it lives
    // in a folder of its own, and the file the host starts as the worker imports it.
    const folder = file.replace(/\.js$/, "");
    all[file] = { source: `import "./${folder}/index.js";\n` };
    all[`${folder}/index.js`] = { source: worker.code };
    for (const [name, extra] of Object.entries(worker.assets ?? {})) {
      // The worker's own modules may name the worker entry again (the pool): never started from there.
      if (!workers.has(extra.source.toString())) all[`${folder}/${name}`] = extra;
    }
  }
  return all;
}
