import { copyFile } from "node:fs/promises";
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
  HANDMADE,
  nameVersions,
  readWith,
  tempDir,
} from "../__tests__/js-fixtures.js";
import { yarnBerryReader } from "./berry-reader.js";

const SHA512_A =
  "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75";

async function handmade() {
  const dir = await tempDir();
  for (const name of ["package.json", "yarn.lock"]) await copyFile(join(HANDMADE, "yarn-berry", name), join(dir, name));
  return readWith(dir, [yarnBerryReader]);
}

const input = (text: string) => ({
  path: "/nowhere/yarn.lock",
  relativePath: "yarn.lock",
  text,
  readSibling: async () => undefined,
});

describe("yarn berry (hand-written yarn 4 lockfile)", () => {
  it("reads the root and workspace from workspace: entries and one component per package", async () => {
    const graph = await handmade();
    expect(graph.components.filter((c) => c.role !== "dependency").map((c) => `${c.role} ${c.purl}`)).toEqual([
      "workspace pkg:npm/%40demo/ui",
      "root pkg:npm/berry-app@3.0.0",
    ]);
    expect(nameVersions(graph)).toEqual([
      "ansi-regex@5.0.1",
      "fsevents@2.3.3",
      "gitdep@0.4.0",
      "left-pad@1.3.0",
      "remote@2.0.0",
      "strip-ansi@6.0.1",
      "tester@3.1.0",
    ]);
  });

  it("makes a patch: entry the patched base package, with the patch as a property", async () => {
    const leftPad = byPurl(await handmade(), "pkg:npm/left-pad@1.3.0");
    expect(leftPad.properties).toEqual({
      "tollgate:yarn-checksum": `10c0/${SHA512_A}`,
      "tollgate:yarn-patch": "~/.yarn/patches/left-pad-npm-1.3.0-abc.patch",
    });
    expect(leftPad.hashes).toEqual([]);
    expect(leftPad.locations).toEqual([
      { file: "yarn.lock", line: 51 },
      { file: "yarn.lock", line: 58 },
    ]);
  });

  it("names an alias by the package it resolves to and keeps git and tarball sources apart", async () => {
    const graph = await handmade();
    expect(byPurl(graph, "pkg:npm/strip-ansi@6.0.1").properties["tollgate:npm-alias"]).toBe("strip");
    const git = "https://github.com/example/gitdep.git#0123456789abcdef0123456789abcdef01234567";
    expect(byPurl(graph, `pkg:npm/gitdep@0.4.0?vcs_url=${encodeURIComponent(`git+${git}`)}`).source).toEqual({
      type: "git",
      url: git,
    });
    const tgz = "https://files.example.org/remote-2.0.0.tgz";
    expect(byPurl(graph, `pkg:npm/remote@2.0.0?download_url=${encodeURIComponent(tgz)}`).source?.type).toBe("url");
  });

  it("tells dev from prod edges of a workspace by its package.json and reads dependenciesMeta optional", async () => {
    const graph = await handmade();
    expect(edgesOf(graph, "pkg:npm/berry-app@3.0.0").filter((e) => e.includes("tester"))).toEqual([
      "dev pkg:npm/tester@3.1.0",
    ]);
    expect(edgesOf(graph, "pkg:npm/tester@3.1.0")).toEqual(["optional pkg:npm/fsevents@2.3.3"]);
    expect(byPurl(graph, "pkg:npm/tester@3.1.0").scope).toBe("development");
    expect(byPurl(graph, "pkg:npm/strip-ansi@6.0.1").scope).toBe("required");
    expect(edgesOf(graph, "pkg:npm/%40demo/ui")).toEqual(["prod pkg:npm/left-pad@1.3.0"]);
  });
});

describe("yarn berry corpus and errors", () => {
  it("reads typescript-eslint: 1,991 entries → 19 workspaces, root, 1,967 packages (4 patches merge with their base)", async () => {
    const dir = await corpusDir("yarn-berry", "typescript-eslint__typescript-eslint@d423e57622", "yarn.lock");
    const graph = await readWith(dir, [yarnBerryReader]);
    expect(graph.components.filter((c) => c.role === "workspace")).toHaveLength(19);
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(1967);
    const resolve = byPurl(graph, "pkg:npm/resolve@1.22.8");
    expect(resolve.properties["tollgate:yarn-patch"]).toBe("~builtin<compat/resolve>");
    expect(edgesOf(graph, resolve.id)).toEqual([
      "prod pkg:npm/is-core-module@2.16.1",
      "prod pkg:npm/path-parse@1.0.7",
      "prod pkg:npm/supports-preserve-symlinks-flag@1.0.0",
    ]);
    expect(graph.warnings).toEqual([]);
  });

  it("applies the root's resolutions: @types/estree@^1.0.6 is the link to ./tools/dummypkg", async () => {
    const dir = await corpusDir("yarn-berry", "typescript-eslint__typescript-eslint@d423e57622", "yarn.lock");
    const graph = await readWith(dir, [yarnBerryReader]);
    const jsdoc = graph.components.find((c) => c.name === "@es-joy/jsdoccomment");
    const dummy = `pkg:npm/%40types/estree?download_url=${encodeURIComponent("link:./tools/dummypkg")}`;
    expect(edgesOf(graph, jsdoc?.id ?? "")).toContain(`prod ${dummy}`);
    expect(byPurl(graph, dummy).source).toEqual({ type: "link", url: "./tools/dummypkg" });
  });

  it("rejects an unknown __metadata.version, naming the supported ones", async () => {
    const error = await yarnBerryReader.read(input("__metadata:\n  version: 99\n"), new GraphBuilder()).catch((e) => e);
    expect(error).toBeInstanceOf(InventoryError);
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toBe(
      "yarn.lock has __metadata.version 99; supported yarn berry lockfile versions are 4, 5, 6, 7, 8",
    );
  });

  it("names the line and column of malformed YAML", async () => {
    const error = await yarnBerryReader
      .read(input('__metadata:\n  version: 8\n\n"a@npm:1":\n  version: "1.0.0\n'), new GraphBuilder())
      .catch((e) => e);
    expect(error).toBeInstanceOf(InventoryError);
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "yarn.lock", line: 6, column: 1 });
    expect(error.message).toBe('yarn.lock is not valid YAML at line 6 column 1: Missing closing "quote');
  });

  it("rejects an entry whose dependency the lockfile does not lock, naming both and the line", async () => {
    const text = [
      "__metadata:",
      "  version: 8",
      "",
      '"is-odd@npm:^3.0.0":',
      "  version: 3.0.1",
      '  resolution: "is-odd@npm:3.0.1"',
      "  dependencies:",
      '    is-number: "npm:^6.0.0"',
      "  languageName: node",
      "  linkType: hard",
      "",
    ].join("\n");
    await expect(yarnBerryReader.read(input(text), new GraphBuilder())).rejects.toMatchObject({
      code: "LOCKFILE_INVALID",
      message: 'yarn.lock: "is-odd@npm:^3.0.0" depends on is-number@npm:^6.0.0, which the lockfile does not lock',
      location: { file: "yarn.lock", line: 4 },
    });
  });

  it("warns that every package is listed as required when yarn.lock has no package.json beside it", async () => {
    const graph = new GraphBuilder();
    await yarnBerryReader.read(input("__metadata:\n  version: 8\n"), graph);
    expect(graph.build({ id: "r", name: "r" }).warnings.map((w) => w.code)).toEqual(["MANIFEST_MISSING"]);
  });

  it("never throws anything but InventoryError on arbitrary text", async () => {
    const entry = fc.record({ version: fc.anything(), resolution: fc.oneof(fc.string(), fc.anything()) });
    const berryish = fc
      .record({
        __metadata: fc.record({ version: fc.oneof(fc.constantFrom(4, 6, 8), fc.anything()) }),
        "a@npm:1": entry,
        "b@workspace:.": entry,
      })
      .map((v) => JSON.stringify(v) ?? "");
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, fc.json(), berryish), async (text) => {
        try {
          await yarnBerryReader.read(input(text), new GraphBuilder());
        } catch (error) {
          if (!(error instanceof InventoryError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
