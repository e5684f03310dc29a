import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { PackageURL } from "packageurl-js";
import { describe, expect, it } from "vitest";
import { CORPUS, HANDMADE, readWith, tempDir } from "../__tests__/js-fixtures.js";
import { npmReader } from "./npm-reader.js";

const run = promisify(execFile);

/**
 * The peer check of issue 2: for every npm lockfile of the corpus, the set of name@version
 * Tollgate reads must equal the set `npm sbom --package-lock-only --sbom-format cyclonedx` lists.
 *
 * How npm is run, and why:
 * - `--offline`: no network, the lockfile alone decides.
 * - `--legacy-peer-deps`: npm sbom refuses a tree with a missing non-optional peer
 *   (ESBOMPROBLEMS; insomnia@1f05683fad lacks webpack, a peer of babel-loader). The flag only
 *   stops arborist treating peers as edges; the set of packages it loads from the lockfile is the same.
 * - The copy lives in a directory named `project`: npm names a nameless root after its directory,
 *   and the corpus file names (`…@b87e97f99e`) are not valid package names.
 * - A root manifest without `version` (actions/toolkit, BookStack) gets `"version": "0.0.0"` in the
 *   copy: npm sbom cannot build the root's purl without one (EINVALIDPURLTYPE) and stops.
 *   The root is not compared anyway, and dependencies do not depend on it.
 *
 * Intended differences, none of which changes the sets compared:
 * - npm's CycloneDX `name` of an `npm:` alias is the alias (folder) name; Tollgate names the package
 *   installed, as npm's own purl does. So both sides are compared by purl (name@version as the purl
 *   spec normalises it: `JSONStream` is `jsonstream`), not by CycloneDX `name`.
 * - Tollgate's purls of git/file/tarball packages carry vcs_url/download_url qualifiers (npm's carry
 *   vcs_url only for git); qualifiers are left out of the comparison.
 * - The project root is npm's `metadata.component` and Tollgate's `root` component: both are left out.
 *   Workspaces are components on both sides and are compared.
 */
const CORPUS_LOCKFILES = [
  "Kong__insomnia", // v3, workspaces
  "Kong__insomnia@1f05683fad", // v2
  "Kong__insomnia@422d5a809c", // v1: npm sbom reads v1 lockfiles offline too
  "actions__toolkit", // v3
  "sigstore__sigstore-js", // v3, workspaces
  "BookStackApp__BookStack@c42b6aece9", // v2
  "BookStackApp__BookStack@b87e97f99e", // v1
];

/** Copies a lockfile and its manifest into `<tmp>/project` under their real names. */
async function projectCopy(lockfile: string, manifestFile: string): Promise<string> {
  const dir = join(await tempDir(), "project");
  await mkdir(dir);
  await copyFile(lockfile, join(dir, "package-lock.json"));
  const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
  manifest.version ??= "0.0.0";
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  return dir;
}

const CASES: Array<[string, string, string]> = [
  ...CORPUS_LOCKFILES.map((prefix): [string, string, string] => [
    prefix,
    join(CORPUS, "npm", `${prefix}__package-lock.json`),
    join(CORPUS, "npm", `${prefix}__package.json`),
  ]),
  // Hand-written: alias, git, file tarball, remote tarball, link outside the project, bundled, workspace.
  [
    "handmade npm-features",
    join(HANDMADE, "npm-features", "package-lock.json"),
    join(HANDMADE, "npm-features", "package.json"),
  ],
];

async function npmSbomNameVersions(dir: string): Promise<string[]> {
  const args = ["sbom", "--package-lock-only", "--sbom-format", "cyclonedx", "--offline", "--legacy-peer-deps"];
  const { stdout } = await run("npm", args, {
    cwd: dir,
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false" },
  });
  const bom = JSON.parse(stdout) as { components: Array<{ purl: string }> };
  return [...new Set(bom.components.map((c) => withoutQualifiers(c.purl)))].sort();
}

/** A purl without qualifiers: `pkg:npm/%40scope/name@1.0.0`. */
function withoutQualifiers(purl: string): string {
  const parsed = PackageURL.fromString(purl);
  return new PackageURL(parsed.type, parsed.namespace, parsed.name, parsed.version, undefined, undefined).toString();
}

describe("npm lockfiles: the same packages as npm sbom", () => {
  for (const [label, lockfile, manifest] of CASES) {
    it(`${label}: name@version set equals npm sbom's`, async () => {
      const dir = await projectCopy(lockfile, manifest);
      const graph = await readWith(dir, [npmReader]);
      const ours = [
        ...new Set(graph.components.filter((c) => c.role !== "root").map((c) => withoutQualifiers(c.purl))),
      ].sort();
      const theirs = await npmSbomNameVersions(dir);
      expect(ours.filter((p) => !theirs.includes(p))).toEqual([]);
      expect(theirs.filter((p) => !ours.includes(p))).toEqual([]);
      expect(ours.length).toBeGreaterThan(10);
    }, 60_000);
  }
});
