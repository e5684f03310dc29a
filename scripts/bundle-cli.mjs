// Bundles the tollgate CLI (packages/cli/dist/bin.js, built by tsc) with @vercel/ncc into
// packages/cli/dist/bundle/: index.js (the `tollgate` bin) plus one chunk per lazily loaded
// command and library, and the assets they read. Node then resolves and reads a handful of files
// at start-up instead of hundreds, which is most of a small command's time.
// Run by `npm run build` after tsc; `node scripts/bundle-cli.mjs [--out DIR]`.

import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ncc from "@vercel/ncc";
import { glob } from "tinyglobby";
import { withoutRegistryKeysSeed } from "./bundle-actions.mjs";

const root = new URL("..", import.meta.url).pathname;

/** Bundles the CLI into `outDir` and returns the files written. */
export async function bundleCli(outDir) {
  const cli = join(root, "packages", "cli");
  const entry = join(cli, "dist", "bin.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run tsc -b tsconfig.build.json first`);
  const { code, assets } = await nccFrom(cli, entry, { license: "licenses.txt" });
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const bin = join(outDir, "index.js");
  await writeFile(bin, withoutRegistryKeysSeed(code));
  await chmod(bin, 0o755);
  const written = ["index.js"];
  const all = { ...(assets ?? {}) };
  // ncc copies a worker thread's entry (`new Worker(new URL("./worker.js", import.meta.url))`) as an
  // asset, unbundled: its own imports (`./scan.js`) would not exist beside it. Bundle each one too.
  const workers = await workerEntries();
  for (const [file, asset] of Object.entries(assets ?? {})) {
    const entry = file.endsWith(".js") ? workers.get(asset.source.toString()) : undefined;
    if (entry === undefined) continue;
    const worker = await nccFrom(cli, entry);
    // The worker's bundle has chunks of its own, whose names would clash with the CLI's: it lives
    // in a folder of its own, and the file the CLI starts as the worker imports it.
    const folder = file.replace(/\.js$/, "");
    all[file] = { source: `import "./${folder}/index.js";\n` };
    all[`${folder}/index.js`] = { source: worker.code };
    for (const [name, extra] of Object.entries(worker.assets ?? {})) {
      // The worker's own modules may name the worker entry again (the pool): never started from there.
      if (!workers.has(extra.source.toString())) all[`${folder}/${name}`] = extra;
    }
  }
  for (const [file, asset] of Object.entries(all)) {
    await mkdir(join(outDir, file, ".."), { recursive: true });
    // Chunks are code too: the registry keys seed may sit in whichever chunk holds @sigstore/tuf.
    const source = file.endsWith(".js") ? withoutRegistryKeysSeed(asset.source.toString()) : asset.source;
    await writeFile(join(outDir, file), source);
    written.push(file);
  }
  return written;
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
 * ncc's bundle of `entry`, run from `dir`: ncc applies the tsconfig.json of the working directory,
 * and the root one maps @tollgate/* to TypeScript sources, which must not leak into a bundle of built JS.
 */
async function nccFrom(dir, entry, options = {}) {
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--out");
  const outDir = at > 0 ? process.argv[at + 1] : join(root, "packages", "cli", "dist", "bundle");
  const files = await bundleCli(outDir);
  console.log(`bundled the tollgate CLI into ${outDir}: ${files.length} files`);
}
