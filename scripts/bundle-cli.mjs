// Bundles the tollgate CLI (packages/cli/dist/bin.js, built by tsc) with @vercel/ncc into
// packages/cli/dist/bundle/: index.js (the `tollgate` bin) plus one chunk per lazily loaded
// command and library, and the assets they read. Node then resolves and reads a handful of files
// at start-up instead of hundreds, which is most of a small command's time.
// Run by `npm run build` after tsc; `node scripts/bundle-cli.mjs [--out DIR]`.

import { existsSync } from "node:fs";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { withoutRegistryKeysSeed } from "./bundle-actions.mjs";
import { nccFrom, withWorkersBundled } from "./bundle-workers.mjs";

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
  const all = await withWorkersBundled(cli, assets);
  for (const [file, asset] of Object.entries(all)) {
    await mkdir(join(outDir, file, ".."), { recursive: true });
    // Chunks are code too: the registry keys seed may sit in whichever chunk holds @sigstore/tuf.
    const source = file.endsWith(".js") ? withoutRegistryKeysSeed(asset.source.toString()) : asset.source;
    await writeFile(join(outDir, file), source);
    written.push(file);
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = process.argv.indexOf("--out");
  const outDir = at > 0 ? process.argv[at + 1] : join(root, "packages", "cli", "dist", "bundle");
  const files = await bundleCli(outDir);
  console.log(`bundled the tollgate CLI into ${outDir}: ${files.length} files`);
}
