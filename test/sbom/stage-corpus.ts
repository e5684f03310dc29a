import { copyFile, mkdir, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The corpus of real lockfiles, named `<owner>__<repo>[@commit]__<original path>` (see its SOURCES.md). */
export const CORPUS = new URL("../fixtures/lockfiles/", import.meta.url).pathname;

/** File names the readers look for, longest first so `Pipfile.lock` wins over `Pipfile`. */
const KNOWN_NAMES = [
  "packages.lock.json",
  "package-lock.json",
  "pnpm-workspace.yaml",
  "gradle.lockfile",
  "requirements.txt",
  "requirements.in",
  "pnpm-lock.yaml",
  "pyproject.toml",
  "composer.lock",
  "composer.json",
  "package.json",
  "Pipfile.lock",
  "Gemfile.lock",
  "poetry.lock",
  "Cargo.lock",
  "Cargo.toml",
  "yarn.lock",
  "Pipfile",
  "Gemfile",
  "uv.lock",
  "go.mod",
  "go.sum",
];

/** One project of the corpus: its lockfile and the manifests beside it, under their real names. */
export interface CorpusProject {
  /** `<corpus dir>/<project prefix>`, e.g. `npm/Kong__insomnia`. */
  name: string;
  /** The lockfile's real name, e.g. `package-lock.json`. */
  lockfile: string;
  /** Corpus file name → real name. */
  files: Map<string, string>;
}

function realName(dir: string, file: string): { key: string; name: string } | undefined {
  const known = KNOWN_NAMES.find((n) => file.endsWith(n));
  if (known) return { key: file.slice(0, -known.length), name: known };
  // pip-compile files kept under other names (requirements/runtime.txt) are what requirements*.txt readers read.
  if (dir === "python-requirements") {
    const dot = file.lastIndexOf(".");
    const ext = file.slice(dot);
    const under = file.lastIndexOf("__");
    return { key: file.slice(0, under + 2), name: `requirements${ext}` };
  }
  return undefined;
}

const LOCKFILES = new Set([
  "packages.lock.json",
  "package-lock.json",
  "pnpm-lock.yaml",
  "requirements.txt",
  "composer.lock",
]);
for (const n of [
  "Pipfile.lock",
  "Gemfile.lock",
  "poetry.lock",
  "Cargo.lock",
  "yarn.lock",
  "uv.lock",
  "go.mod",
  "gradle.lockfile",
]) {
  LOCKFILES.add(n);
}

/** Lists the corpus as projects (sorted), each with the files to stage together. */
export async function corpusProjects(): Promise<CorpusProject[]> {
  const projects = new Map<string, CorpusProject>();
  for (const dir of (await readdir(CORPUS, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    for (const file of (await readdir(join(CORPUS, dir.name))).sort()) {
      const real = realName(dir.name, file);
      if (!real) continue;
      const name = `${dir.name}/${real.key.replace(/_+$/, "")}`;
      const project = projects.get(name) ?? { name, lockfile: "", files: new Map() };
      project.files.set(`${dir.name}/${file}`, real.name);
      if (LOCKFILES.has(real.name)) project.lockfile = real.name;
      projects.set(name, project);
    }
  }
  return [...projects.values()].filter((p) => p.lockfile !== "").sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Copies a project's files under their real names into a fresh temporary directory and returns it. */
export async function stageProject(project: CorpusProject): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-corpus-"));
  const target = join(dir, project.name.split("/").pop() ?? "project");
  await mkdir(target, { recursive: true });
  for (const [from, to] of project.files) await copyFile(join(CORPUS, from), join(target, to));
  return target;
}
