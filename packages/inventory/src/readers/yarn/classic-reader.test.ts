import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InventoryError } from "../../errors.js";
import { GraphBuilder } from "../../graph-builder.js";
import {
  anyText,
  byPurl,
  corpusDir,
  edgesOf,
  handmadeDir,
  nameVersions,
  readWith,
  tempDir,
} from "../__tests__/js-fixtures.js";
import { yarnClassicReader } from "./classic-reader.js";

const brokenClassic = [
  "# yarn lockfile v1",
  "",
  "is-odd@^3.0.0:",
  '  version "3.0.1"',
  '  resolved "https://registry.example.org/is-odd/-/is-odd-3.0.1.tgz#0123"',
  "  dependencies:",
  '    is-number "^6.0.0"',
  "",
].join("\n");

const read = async () => readWith(await handmadeDir("yarn-classic"), [yarnClassicReader]);

describe("yarn classic (hand-written, with a workspace)", () => {
  it("reads one component per entry and the workspace from the root's workspaces glob", async () => {
    const graph = await read();
    expect(graph.components.filter((c) => c.role !== "dependency").map((c) => `${c.role} ${c.purl}`)).toEqual([
      "workspace pkg:npm/%40demo/ui@0.1.0",
      "root pkg:npm/classic-app@4.0.0",
    ]);
    expect(nameVersions(graph)).toEqual([
      "@scope/util@2.1.0",
      "ansi-regex@5.0.1",
      "fsevents@2.3.3",
      "gitdep@0.4.0",
      "left-pad@1.3.0",
      "strip-ansi@6.0.1",
      "tester@3.1.0",
    ]);
  });

  it("links the root and the workspace to what their manifests declare, by kind", async () => {
    const graph = await read();
    const git = "git+https://github.com/example/gitdep.git#0123456789abcdef0123456789abcdef01234567";
    expect(edgesOf(graph, "pkg:npm/classic-app@4.0.0")).toEqual([
      "prod pkg:npm/%40demo/ui@0.1.0",
      `prod pkg:npm/gitdep@0.4.0?vcs_url=${encodeURIComponent(git)}`,
      "prod pkg:npm/strip-ansi@6.0.1",
      "dev pkg:npm/tester@3.1.0",
    ]);
    expect(edgesOf(graph, "pkg:npm/%40demo/ui@0.1.0")).toEqual(["prod pkg:npm/left-pad@1.3.0"]);
    expect(edgesOf(graph, "pkg:npm/tester@3.1.0")).toEqual(["optional pkg:npm/fsevents@2.3.3"]);
    expect(byPurl(graph, "pkg:npm/fsevents@2.3.3").scope).toBe("development");
    expect(byPurl(graph, "pkg:npm/%40scope/util@2.1.0").scope).toBe("required");
    expect(graph.warnings).toEqual([]);
  });

  it("keeps both the SRI integrity and the SHA-1 of the URL fragment, and the URL without it", async () => {
    const util = byPurl(await read(), "pkg:npm/%40scope/util@2.1.0");
    expect(util.hashes).toEqual([
      { alg: "SHA-1", content: "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" },
      {
        alg: "SHA-512",
        content:
          "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75",
      },
    ]);
    expect(util.source).toEqual({
      type: "registry",
      url: "https://registry.example.org/@scope/util/-/util-2.1.0.tgz",
    });
    expect(util.locations).toEqual([{ file: "yarn.lock", line: 5 }]);
  });

  it("names an npm: alias by the package it installs", async () => {
    const strip = byPurl(await read(), "pkg:npm/strip-ansi@6.0.1");
    expect(strip.properties).toEqual({ "tollgate:npm-alias": "strip" });
    expect(edgesOf(await read(), strip.id)).toEqual(["prod pkg:npm/ansi-regex@5.0.1"]);
  });
});

describe("yarn classic corpus and errors", () => {
  it("reads vite's yarn.lock: 1,136 entries, each a component, with the root from package.json", async () => {
    const dir = await corpusDir("yarn-classic", "vitejs__vite@6011665ca2", "yarn.lock");
    const graph = await readWith(dir, [yarnClassicReader]);
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(1136);
    expect(graph.components.find((c) => c.role === "root")?.purl).toBe("pkg:npm/vite-monorepo");
    const chalk = byPurl(graph, "pkg:npm/chalk@2.4.2");
    expect(chalk.locations).toEqual([{ file: "yarn.lock", line: 2185 }]);
    expect(edgesOf(graph, chalk.id)).toEqual([
      "prod pkg:npm/ansi-styles@3.2.1",
      "prod pkg:npm/escape-string-regexp@1.0.5",
      "prod pkg:npm/supports-color@5.5.0",
    ]);
    const link = "link:./packages/playground/css/css-dep";
    expect(byPurl(graph, `pkg:npm/css-dep@1.0.0?download_url=${encodeURIComponent(link)}`).source).toEqual({
      type: "link",
      url: "./packages/playground/css/css-dep",
    });
  });

  it("rejects an entry whose dependency the lockfile does not lock, naming both and the line", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "yarn.lock"), brokenClassic);
    await expect(readWith(dir, [yarnClassicReader])).rejects.toMatchObject({
      code: "LOCKFILE_INVALID",
      message: "yarn.lock: is-odd@^3.0.0 depends on is-number@^6.0.0, which the lockfile does not lock",
      location: { file: "yarn.lock", line: 3 },
    });
  });

  it("only warns about an unlocked dependency when a declared workspace could not be read", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "yarn.lock"), brokenClassic);
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "app", workspaces: ["packages/*"] }));
    const graph = await readWith(dir, [yarnClassicReader]);
    expect(graph.warnings.filter((w) => w.code === "LOCKFILE_UNRESOLVED")).toEqual([
      {
        code: "LOCKFILE_UNRESOLVED",
        message:
          "yarn.lock: is-odd@^3.0.0 depends on is-number@^6.0.0, which the lockfile does not lock, nor is it a workspace Tollgate could read",
        location: { file: "yarn.lock", line: 3 },
      },
    ]);
  });

  it("warns that every package is listed as required when yarn.lock has no package.json beside it", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "yarn.lock"), brokenClassic.replace('  dependencies:\n    is-number "^6.0.0"\n', ""));
    const graph = await readWith(dir, [yarnClassicReader]);
    expect(graph.warnings).toEqual([
      {
        code: "MANIFEST_MISSING",
        message:
          "yarn.lock has no package.json beside it: without it Tollgate cannot tell the direct or the development dependencies, so every package is listed as a required dependency",
        location: { file: "yarn.lock" },
      },
    ]);
  });

  it("never throws anything but InventoryError on arbitrary text", async () => {
    const input = (text: string) => ({
      path: "/nowhere/yarn.lock",
      relativePath: "yarn.lock",
      text,
      readSibling: async () => undefined,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText,
          fc.string().map((s) => `a@${s}:\n  version "${s}"\n`),
        ),
        async (text) => {
          try {
            await yarnClassicReader.read(input(text), new GraphBuilder());
          } catch (error) {
            if (!(error instanceof InventoryError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
