import { access, mkdir, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { TollgateError } from "@tollgate/errors";
import { defaultReaders, discover, ECOSYSTEMS, type Ecosystem } from "@tollgate/inventory";
import { starterPolicy } from "./starter-policy.js";
import { pullRequestWorkflow, releaseWorkflow } from "./workflow-templates.js";

export interface InitOptions {
  /** The repository to set up. */
  dir: string;
  /** The Tollgate ref the workflows use (a tag or, better, a commit SHA). */
  ref: string;
  /** Overwrite files that already exist. */
  force?: boolean;
}

export interface InitResult {
  ecosystems: Ecosystem[];
  written: string[];
}

/** Ecosystems of the lockfiles under `dir`, found by file name (nothing is parsed). */
export async function detectEcosystems(dir: string): Promise<Ecosystem[]> {
  const files = await discover(dir, { isCandidate: (name) => defaultReaders.some((r) => r.matches(name)) });
  const found = new Set<Ecosystem>();
  for (const file of files) {
    const reader = defaultReaders.find((r) => r.matches(basename(file.path)));
    if (reader) found.add(reader.ecosystem);
  }
  return ECOSYSTEMS.filter((e) => found.has(e));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a commented `tollgate.yml` and the release and pull-request workflows. Existing
 * files are never overwritten without `force`: the error lists them all.
 */
export async function initRepository(options: InitOptions): Promise<InitResult> {
  const ecosystems = await detectEcosystems(options.dir);
  const files: Array<[string, string]> = [
    ["tollgate.yml", starterPolicy(ecosystems)],
    [".github/workflows/tollgate-release.yml", releaseWorkflow(options.ref)],
    [".github/workflows/tollgate-pull-request.yml", pullRequestWorkflow(options.ref)],
  ];
  if (!options.force) {
    const present: string[] = [];
    for (const [file] of files) if (await exists(join(options.dir, file))) present.push(file);
    if (present.length > 0) {
      throw new TollgateError("INIT_EXISTS", `already present: ${present.join(", ")}`, {
        location: { file: join(options.dir, present[0] ?? "") },
        hint: "move them aside or run tollgate init --force to overwrite",
      });
    }
  }
  for (const [file, text] of files) {
    const path = join(options.dir, file);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  return { ecosystems, written: files.map(([file]) => file) };
}
