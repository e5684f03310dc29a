import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertOnlyTypedErrors,
  byPurl,
  edgesFrom,
  HANDMADE,
  readProject,
  readString,
  rejection,
} from "../__tests__/text-harness.js";
import { gradleLockfileReader, isDevelopmentConfiguration } from "./gradle-lockfile-reader.js";

const DIR = join(HANDMADE, "gradle-kotlin-app");
const read = (name: string) => readFile(join(DIR, name), "utf8");

async function ledger() {
  return readProject(
    gradleLockfileReader,
    {
      "gradle.lockfile": await read("gradle.lockfile"),
      "settings.gradle.kts": await read("settings.gradle.kts"),
      "gradle.properties": await read("gradle.properties"),
      "build.gradle.kts": await read("build.gradle.kts"),
      "gradle/libs.versions.toml": await read("gradle/libs.versions.toml"),
    },
    "ledger",
  );
}

describe("gradleLockfileReader (hand-written lockfile: the corpus has none)", () => {
  it("reads every module line; `empty=` and comments add nothing", async () => {
    const graph = await ledger();
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(17);
  });

  it("names the root from settings.gradle.kts and gradle.properties", async () => {
    const root = byPurl(await ledger(), "pkg:maven/org.example.ledger/ledger-service@1.4.0");
    expect(root.role).toBe("root");
  });

  it("makes a Maven purl from group:artifact and keeps the configurations as a property", async () => {
    const guava = byPurl(await ledger(), "pkg:maven/com.google.guava/guava@33.2.1-jre");
    expect(guava.name).toBe("com.google.guava:guava");
    expect(guava.properties).toEqual({
      "tollgate:gradle-configurations": "compileClasspath,runtimeClasspath,testCompileClasspath,testRuntimeClasspath",
    });
    expect(guava.locations).toEqual([{ file: "gradle.lockfile", line: 8 }]);
  });

  it("scopes modules found only in test configurations as development", async () => {
    const graph = await ledger();
    expect(byPurl(graph, "pkg:maven/org.junit.jupiter/junit-jupiter-engine@5.10.2").scope).toBe("development");
    expect(byPurl(graph, "pkg:maven/com.google.guava/failureaccess@1.0.2").scope).toBe("required");
    expect(graph.components.filter((c) => c.scope === "development")).toHaveLength(8);
  });

  it("links the root to every module, dev edges for development ones", async () => {
    const edges = edgesFrom(await ledger(), "pkg:maven/org.example.ledger/ledger-service@1.4.0");
    expect(edges).toHaveLength(17);
    expect(edges).toContain("pkg:maven/org.assertj/assertj-core@3.26.0 dev");
  });

  it("marks direct the modules the build script or the version catalog declares", async () => {
    const graph = await ledger();
    expect(graph.components.filter((c) => c.direct).map((c) => c.name)).toEqual([
      "com.fasterxml.jackson.core:jackson-databind",
      "com.google.guava:guava",
      "org.assertj:assertj-core",
      "org.junit.jupiter:junit-jupiter-api",
      "org.junit.jupiter:junit-jupiter-engine",
      "org.slf4j:slf4j-api",
    ]);
  });

  it("without build scripts leaves every module direct of the root, as the lockfile cannot tell", async () => {
    const graph = await readString(gradleLockfileReader, "gradle.lockfile", await read("gradle.lockfile"));
    expect(graph.components.filter((c) => c.direct)).toHaveLength(17);
    expect(byPurl(graph, "pkg:maven/project/project").role).toBe("root");
  });

  it("classifies configurations", () => {
    expect(
      [
        "runtimeClasspath",
        "testRuntimeClasspath",
        "androidTestCompileClasspath",
        "debugUnitTestRuntimeClasspath",
        "kapt",
        "releaseCompileClasspath",
      ].map(isDevelopmentConfiguration),
    ).toEqual([false, true, true, true, true, false]);
  });

  it("names line and column of a line that is not a lock entry", async () => {
    const error = await rejection(
      readString(gradleLockfileReader, "gradle.lockfile", "# x\n  com.example:lib=runtimeClasspath\n"),
    );
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "gradle.lockfile", line: 2, column: 3 });
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(gradleLockfileReader, "gradle.lockfile", await read("gradle.lockfile"));
  });
});
