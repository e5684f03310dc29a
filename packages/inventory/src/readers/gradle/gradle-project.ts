import type { LockfileInput } from "../../reader.js";
import { siblingPath } from "../shared/text-root.js";
import { entriesOf, field, recordOf, stringOf } from "../shared/text-values.js";
import { parseTomlFile } from "../shared/toml-parse.js";

/** What the Gradle build beside a lockfile says: project coordinates and the modules it declares. */
export interface GradleProject {
  name?: string;
  group?: string;
  version?: string;
  /** `group:artifact` of the dependencies the build scripts or the version catalog declare; undefined without either. */
  declared?: Set<string>;
}

const COORDINATE = /["']([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+)(?::[^"'\s]*)?["']/g;
const MAP_NOTATION = /group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["']/g;

/** The `group:artifact` of each library of a version catalog (`module = "g:a"`, `group`/`name`, or "g:a:v"). */
function catalogModules(toml: Record<string, unknown>, into: Set<string>): void {
  for (const [, library] of entriesOf(field(toml, "libraries"))) {
    const text = stringOf(library);
    const record = recordOf(library);
    const module = text?.split(":").slice(0, 2).join(":") ?? stringOf(field(record, "module"));
    const group = stringOf(field(record, "group"));
    const name = stringOf(field(record, "name"));
    if (module?.includes(":")) into.add(module);
    else if (group && name) into.add(`${group}:${name}`);
  }
}

/** Reads settings.gradle(.kts), gradle.properties, build.gradle(.kts) and gradle/libs.versions.toml beside the lockfile. */
export async function readGradleProject(input: LockfileInput): Promise<GradleProject> {
  const project: GradleProject = {};
  const settings = (await input.readSibling("settings.gradle.kts")) ?? (await input.readSibling("settings.gradle"));
  const name = /rootProject\.name\s*=\s*["']([^"']+)["']/.exec(settings ?? "")?.[1];
  if (name) project.name = name;
  for (const line of ((await input.readSibling("gradle.properties")) ?? "").split("\n")) {
    const property = /^\s*(group|version)\s*[=:]\s*(\S.*?)\s*$/.exec(line);
    if (property?.[1] === "group") project.group = property[2];
    if (property?.[1] === "version") project.version = property[2];
  }
  const build = (await input.readSibling("build.gradle.kts")) ?? (await input.readSibling("build.gradle"));
  const catalogText = await input.readSibling("gradle/libs.versions.toml");
  if (build === undefined && catalogText === undefined) return project;
  const declared = new Set<string>();
  for (const match of (build ?? "").matchAll(COORDINATE)) declared.add(`${match[1]}:${match[2]}`);
  for (const match of (build ?? "").matchAll(MAP_NOTATION)) declared.add(`${match[1]}:${match[2]}`);
  if (catalogText !== undefined) {
    const file = siblingPath(input, "gradle/libs.versions.toml");
    catalogModules(await parseTomlFile(catalogText, file, "fix the syntax of the version catalog"), declared);
  }
  project.declared = declared;
  return project;
}
