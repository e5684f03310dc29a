import { InventoryError } from "../../errors.js";
import type { GraphBuilder } from "../../graph-builder.js";
import type { Scope } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { addProjectRoot, directoryName } from "../shared/text-root.js";
import { readGradleProject } from "./gradle-project.js";

const ENTRY = /^([^:=\s]+):([^:=\s]+):([^:=\s]+)=(.*)$/;

/**
 * Whether a configuration serves only development: tests (`testRuntimeClasspath`,
 * `androidTestCompileClasspath`, `debugUnitTestRuntimeClasspath`), annotation processors
 * and compiler plugins, or the build script's own `classpath`.
 */
export function isDevelopmentConfiguration(configuration: string): boolean {
  return /^test|Test[A-Z]|Test$|^(annotationProcessor|kapt|ksp)|AnnotationProcessor|^kotlinCompilerPluginClasspath|^classpath$/.test(
    configuration,
  );
}

/**
 * Reads gradle.lockfile (and buildscript-gradle.lockfile): `group:artifact:version=configurations`
 * lines. A module only in test/tooling configurations is development, otherwise required.
 * The lockfile records no graph: the root has an edge to every module; the build scripts
 * and version catalog beside it (when present) say which are direct.
 */
export const gradleLockfileReader: LockfileReader = {
  format: "gradle-lockfile",
  ecosystem: "Maven",
  matches: (basename) => basename === "gradle.lockfile" || basename === "buildscript-gradle.lockfile",
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const project = await readGradleProject(input);
    // A Maven purl needs a group; without one in gradle.properties the project name stands in for it.
    const name = project.name ?? directoryName(input);
    const rootId = addProjectRoot(graph, input, "Maven", `${project.group ?? name}:${name}`, project.version);
    const buildscript = input.relativePath.endsWith("buildscript-gradle.lockfile");
    const lines = input.text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const text = (lines[i] ?? "").replace(/\r$/, "").trim();
      if (text === "" || text.startsWith("#") || text.startsWith("empty=")) continue;
      const entry = ENTRY.exec(text);
      if (!entry) {
        throw new InventoryError(
          "LOCKFILE_PARSE",
          `${input.relativePath}: expected "group:artifact:version=configurations"`,
          {
            location: { file: input.relativePath, line: i + 1, column: (lines[i] ?? "").search(/\S/) + 1 },
            hint: "regenerate the lockfile with `gradle dependencies --write-locks`",
          },
        );
      }
      const [, group = "", artifact = "", version = "", list = ""] = entry;
      const configurations = list
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c !== "")
        .sort();
      const scope: Scope =
        buildscript || (configurations.length > 0 && configurations.every(isDevelopmentConfiguration))
          ? "development"
          : "required";
      const id = graph.addComponent({
        ecosystem: "Maven",
        name: `${group}:${artifact}`,
        version,
        scope,
        ...(project.declared ? { direct: project.declared.has(`${group}:${artifact}`) } : {}),
        properties: { "tollgate:gradle-configurations": configurations.join(",") },
        location: { file: input.relativePath, line: i + 1 },
      });
      graph.addEdge(rootId, id, scope === "development" ? "dev" : "prod");
    }
  },
};
