import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { type DependencyGraph, defaultReaders, readInventory, SKIPPED_DIRECTORIES } from "@tollgate/inventory";
import { PolicyError } from "../errors.js";

const run = promisify(execFile);

/** Manifests the lockfile readers consult beside a lockfile (project names, workspaces, go.sum). */
const MANIFESTS = new Set(["package.json", "Cargo.toml", "pyproject.toml", "Pipfile", "go.sum", "npm-shrinkwrap.json"]);

async function git(cwd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (cause) {
    const stderr = String((cause as { stderr?: string }).stderr ?? "").trim();
    throw new PolicyError(
      "POLICY_REVIEW",
      `git ${args.join(" ")} failed${stderr ? `: ${stderr.split("\n")[0]}` : ""}`,
      {
        hint: "fetch the base ref first (actions/checkout with fetch-depth: 0, or git fetch origin <base>) or pass --base-sbom",
        cause,
      },
    );
  }
}

/** True for a path (relative to the scanned directory) whose file the lockfile readers would read. */
export function isInventoryInput(path: string): boolean {
  const parts = path.split("/");
  if (parts.slice(0, -1).some((part) => SKIPPED_DIRECTORIES.includes(part))) return false;
  const name = parts.at(-1) as string;
  return MANIFESTS.has(name) || defaultReaders.some((reader) => reader.matches(name));
}

/**
 * Reads the inventory of `dir` as it was at git `ref`: every lockfile and manifest under it is
 * taken with `git show <ref>:<path>` into a scratch directory and read with the usual readers.
 */
export async function inventoryAtRef(dir: string, ref: string): Promise<DependencyGraph> {
  const prefix = (await git(dir, ["rev-parse", "--show-prefix"])).trim();
  await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  const listing = await git(dir, ["ls-tree", "-r", "-z", "--name-only", ref, "--", "."]);
  const paths = listing
    .split("\0")
    .filter((p) => p !== "")
    .map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p))
    .filter(isInventoryInput)
    .sort();
  // The project keeps its directory name, which names the root when the manifest has no name.
  const holder = await mkdtemp(join(tmpdir(), "tollgate-base-"));
  const scratch = join(holder, basename(resolve(dir)));
  try {
    await mkdir(scratch);
    for (const path of paths) {
      const text = await git(dir, ["show", `${ref}:${prefix}${path}`]);
      await mkdir(dirname(join(scratch, path)), { recursive: true });
      await writeFile(join(scratch, path), text);
    }
    return await readInventory(scratch, { allowEmpty: true });
  } finally {
    await rm(holder, { recursive: true, force: true });
  }
}
