import { execFile, spawn } from "node:child_process";
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

/** Reads blobs by object id with one `git cat-file --batch` process (the bytes `git show <ref>:<path>` prints). */
function readBlobs(cwd: string, ids: string[]): Promise<Buffer[]> {
  return new Promise((resolveBlobs, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const out = Buffer.concat(chunks);
      const blobs: Buffer[] = [];
      let at = 0;
      for (const id of ids) {
        const end = out.indexOf(10, at);
        const header = out.subarray(at, end).toString("utf8").split(" ");
        if (code !== 0 || header[0] !== id || header[1] !== "blob") {
          reject(
            new PolicyError("POLICY_REVIEW", `git cat-file could not read ${id}`, {
              hint: "check that the repository is complete (not a partial clone without blobs)",
            }),
          );
          return;
        }
        const size = Number(header[2]);
        blobs.push(out.subarray(end + 1, end + 1 + size));
        at = end + 1 + size + 1;
      }
      resolveBlobs(blobs);
    });
    child.stdin.end(ids.map((id) => `${id}\n`).join(""));
  });
}

/**
 * Reads the inventory of `dir` as it was at git `ref`: every lockfile and manifest under it is
 * taken from the ref's tree (the content `git show <ref>:<path>` gives) into a scratch directory
 * and read with the usual readers.
 */
export async function inventoryAtRef(dir: string, ref: string): Promise<DependencyGraph> {
  await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  // ls-tree run in `dir` lists paths relative to it.
  const listing = await git(dir, ["ls-tree", "-r", "-z", ref, "--", "."]);
  const entries = listing
    .split("\0")
    .filter((line) => line !== "")
    .map((line) => {
      const tab = line.indexOf("\t");
      const [, type, id] = line.slice(0, tab).split(" ");
      return { type, id: id as string, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === "blob" && isInventoryInput(e.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const blobs =
    entries.length === 0
      ? []
      : await readBlobs(
          dir,
          entries.map((e) => e.id),
        );
  // The project keeps its directory name, which names the root when the manifest has no name.
  const holder = await mkdtemp(join(tmpdir(), "tollgate-base-"));
  const scratch = join(holder, basename(resolve(dir)));
  try {
    await mkdir(scratch);
    for (const [i, entry] of entries.entries()) {
      await mkdir(dirname(join(scratch, entry.path)), { recursive: true });
      await writeFile(join(scratch, entry.path), blobs[i] as Buffer);
    }
    return await readInventory(scratch, { allowEmpty: true });
  } finally {
    await rm(holder, { recursive: true, force: true });
  }
}
