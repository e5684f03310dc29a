import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { crc32, gzipSync } from "node:zlib";
import { zipSync } from "fflate";
import { pack } from "tar-stream";

const FIXTURE = new URL("../fixtures/sample-release/", import.meta.url).pathname;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A GitHub personal access token with a valid checksum (random body), as a real leak would have. */
export function leakedGitHubToken(seed = 7): string {
  let body = "";
  let x = seed;
  for (let i = 0; i < 30; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += BASE62[x % 62];
  }
  let n = crc32(body);
  let check = "";
  while (n > 0) {
    check = BASE62[n % 62] + check;
    n = Math.floor(n / 62);
  }
  return `ghp_${body}${check.padStart(6, "0")}`;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

/** Packs a directory as npm does: a gzipped tar with every file under `package/`. */
async function npmTarball(dir: string): Promise<Buffer> {
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on("data", (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((resolve) => {
    tar.on("end", () => resolve());
  });
  for (const file of await filesUnder(dir)) {
    tar.entry({ name: `package/${file}`, mtime: new Date(499162500000), mode: 0o644 }, await readFile(join(dir, file)));
  }
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** A wheel is a zip of the package and its dist-info. */
async function wheel(dir: string): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const file of await filesUnder(dir)) entries[file] = new Uint8Array(await readFile(join(dir, file)));
  return zipSync(entries, { mtime: new Date(499162500000) });
}

export interface SampleRelease {
  /** The project directory (package.json, package-lock.json, tollgate.yml). */
  dir: string;
  /** dist/sample-release-1.0.0.tgz and dist/sample_release-1.0.0-py3-none-any.whl. */
  artifacts: string[];
}

export interface Injections {
  /** A GitHub token in a config file of the npm tarball. */
  leakedToken?: string;
  /** lodash 4.17.20 instead of 4.17.21 (GHSA-35jh-r3h4-6jhm and GHSA-29mw-wpgm-hmr9). */
  vulnerableDependency?: boolean;
  /** A dependency under a license the policy does not allow (LGPL-3.0-or-later). */
  deniedLicense?: boolean;
}

/** Copies the sample project into a temp dir, applies the injections, and builds its two artifacts. */
export async function prepareSampleRelease(inject: Injections = {}): Promise<SampleRelease> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-sample-"));
  await cp(FIXTURE, dir, { recursive: true });
  const lockPath = join(dir, "package-lock.json");
  const lock = JSON.parse(await readFile(lockPath, "utf8"));
  if (inject.vulnerableDependency) {
    lock.packages["node_modules/lodash"] = {
      version: "4.17.20",
      resolved: "https://registry.example.org/lodash/-/lodash-4.17.20.tgz",
      integrity: "sha512-PlhdFcillOINfeV7Ni6oF1TAEayyZBoZ8bcshTHqOYJYlrqzRK5hagpagky5o4HfCzzd1TRkXPMFq6cKk9rGmA==",
      license: "MIT",
    };
  }
  if (inject.deniedLicense) {
    lock.packages[""].dependencies["@img/sharp-libvips-linux-x64"] = "1.0.4";
    lock.packages["node_modules/@img/sharp-libvips-linux-x64"] = {
      version: "1.0.4",
      resolved: "https://registry.example.org/@img/sharp-libvips-linux-x64/-/sharp-libvips-linux-x64-1.0.4.tgz",
      integrity: "sha512-u7Wz6ntiSSgGSGcjZ55im6uvTrOxSIS8/dgoVMoiGE9I6JAfU50yH5BoDlYA1tcuGS7g/QNtetJnxA6QEsCVTA==",
      license: "LGPL-3.0-or-later",
    };
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    manifest.dependencies["@img/sharp-libvips-linux-x64"] = "1.0.4";
    await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  await writeFile(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  if (inject.leakedToken) {
    await writeFile(join(dir, "npm-package", "config.js"), `module.exports = { token: "${inject.leakedToken}" };\n`);
  }
  const dist = join(dir, "dist");
  await mkdir(dist);
  const artifacts = [join(dist, "sample-release-1.0.0.tgz"), join(dist, "sample_release-1.0.0-py3-none-any.whl")];
  await writeFile(artifacts[0] as string, await npmTarball(join(dir, "npm-package")));
  await writeFile(artifacts[1] as string, await wheel(join(dir, "wheel")));
  return { dir, artifacts };
}

/** An offline OSV database (a directory of OSV JSON files, fresh) made from the advisory fixtures. */
export async function offlineDatabase(): Promise<string> {
  const db = await mkdtemp(join(tmpdir(), "tollgate-osv-"));
  await cp(new URL("../fixtures/advisories/ghsa/", import.meta.url).pathname, db, { recursive: true });
  return db;
}
