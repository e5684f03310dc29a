import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byPurl, edgesOf, HANDMADE, nameVersions, readWith, tempDir } from "../__tests__/js-fixtures.js";
import { npmReader } from "./npm-reader.js";

const read = (dir: string) => readWith(dir, [npmReader]);
/** A purl qualifier value as packageurl-js encodes it. */
const q = (value: string) => encodeURIComponent(value);

async function handmade(): Promise<string> {
  const dir = await tempDir();
  for (const name of ["package.json", "package-lock.json"]) {
    await copyFile(join(HANDMADE, "npm-features", name), join(dir, name));
  }
  return dir;
}

describe("npm lockfileVersion 3 features (hand-written lockfile)", () => {
  it("holds the root, one workspace and one component per distinct package", async () => {
    const graph = await read(await handmade());
    expect(graph.components.filter((c) => c.role === "root").map((c) => c.purl)).toEqual([
      "pkg:npm/features-app@1.2.0",
    ]);
    expect(graph.components.filter((c) => c.role === "workspace").map((c) => c.purl)).toEqual([
      "pkg:npm/%40features/ui@0.0.1",
    ]);
    expect(nameVersions(graph)).toEqual([
      "ansi-regex@4.1.1",
      "ansi-regex@5.0.1",
      "bundled-thing@1.0.0",
      "fsevents@2.3.3",
      "gitdep@0.4.0",
      "left-pad@1.1.3",
      "left-pad@1.3.0",
      "localtar@1.0.0",
      "loose-envify@1.4.0",
      "react@18.2.0",
      "remote@2.0.0",
      "shared-opt@1.0.0",
      "sibling@0.1.0",
      "strip-ansi@6.0.1",
      "tester@3.1.0",
    ]);
  });

  it("reads every SRI entry of integrity as algorithm and lower-case hex", async () => {
    const leftPad = byPurl(await read(await handmade()), "pkg:npm/left-pad@1.3.0");
    expect(leftPad.hashes).toEqual([
      { alg: "SHA-1", content: "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" },
      {
        alg: "SHA-512",
        content:
          "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f5302860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75",
      },
    ]);
    expect(leftPad.license).toBe("WTFPL");
    expect(leftPad.source).toEqual({
      type: "registry",
      url: "https://registry.example.org/left-pad/-/left-pad-1.3.0.tgz",
    });
    expect(leftPad.locations).toEqual([
      { file: "package-lock.json", line: 34 },
      { file: "package-lock.json", line: 69 },
    ]);
  });

  it("names an npm: alias by the package it installs and keeps the alias as a property", async () => {
    const strip = byPurl(await read(await handmade()), "pkg:npm/strip-ansi@6.0.1");
    expect(strip.properties).toEqual({ "tollgate:npm-alias": "strip" });
    expect(strip.direct).toBe(true);
  });

  it("keeps git, file, tarball and link sources apart from registry packages with purl qualifiers", async () => {
    const graph = await read(await handmade());
    const git = "git+ssh://git@github.com/example/gitdep.git#0123456789abcdef0123456789abcdef01234567";
    expect(byPurl(graph, `pkg:npm/gitdep@0.4.0?vcs_url=${q(git)}`).source).toEqual({
      type: "git",
      url: git,
    });
    expect(
      byPurl(graph, `pkg:npm/localtar@1.0.0?download_url=${q("file:vendor/localtar-1.0.0.tgz")}`).source?.type,
    ).toBe("file");
    expect(
      byPurl(graph, `pkg:npm/remote@2.0.0?download_url=${q("https://files.example.org/remote-2.0.0.tgz")}`).source
        ?.type,
    ).toBe("url");
    expect(byPurl(graph, `pkg:npm/sibling@0.1.0?download_url=${q("file:../sibling")}`).source).toEqual({
      type: "link",
      url: "../sibling",
    });
  });

  it("maps dev, optional, devOptional and peer flags to scopes", async () => {
    const graph = await read(await handmade());
    const scope = (purl: string) => byPurl(graph, purl).scope;
    expect(scope("pkg:npm/tester@3.1.0")).toBe("development");
    expect(scope("pkg:npm/fsevents@2.3.3")).toBe("optional");
    // devOptional: npm install --omit dev still installs it (fsevents needs it), so it is not development.
    expect(scope("pkg:npm/shared-opt@1.0.0")).toBe("optional");
    expect(scope("pkg:npm/react@18.2.0")).toBe("required");
    expect(scope("pkg:npm/left-pad@1.1.3")).toBe("required");
  });

  it("marks bundled dependencies", async () => {
    const bundled = byPurl(await read(await handmade()), "pkg:npm/bundled-thing@1.0.0");
    expect(bundled.properties).toEqual({ "tollgate:npm-bundled": "true" });
    expect(bundled.hashes).toEqual([]);
  });

  it("resolves each dependency from the nearest node_modules, as node does", async () => {
    const graph = await read(await handmade());
    expect(edgesOf(graph, "pkg:npm/tester@3.1.0")).toEqual([
      "prod pkg:npm/ansi-regex@4.1.1",
      "prod pkg:npm/bundled-thing@1.0.0",
      "optional pkg:npm/shared-opt@1.0.0",
    ]);
    expect(edgesOf(graph, "pkg:npm/%40features/ui@0.0.1")).toEqual([
      "prod pkg:npm/left-pad@1.1.3",
      "peer pkg:npm/react@18.2.0",
      "dev pkg:npm/tester@3.1.0",
    ]);
    expect(edgesOf(graph, `pkg:npm/sibling@0.1.0?download_url=${q("file:../sibling")}`)).toEqual([
      "prod pkg:npm/left-pad@1.3.0",
    ]);
    expect(edgesOf(graph, "pkg:npm/react@18.2.0")).toEqual(["prod pkg:npm/loose-envify@1.4.0"]);
  });

  it("links the root to its dependencies by kind and to each workspace", async () => {
    const graph = await read(await handmade());
    expect(edgesOf(graph, "pkg:npm/features-app@1.2.0")).toEqual([
      "prod pkg:npm/%40features/ui@0.0.1",
      "optional pkg:npm/fsevents@2.3.3",
      `prod pkg:npm/gitdep@0.4.0?vcs_url=${q("git+ssh://git@github.com/example/gitdep.git#0123456789abcdef0123456789abcdef01234567")}`,
      "prod pkg:npm/left-pad@1.3.0",
      `prod pkg:npm/localtar@1.0.0?download_url=${q("file:vendor/localtar-1.0.0.tgz")}`,
      `prod pkg:npm/remote@2.0.0?download_url=${q("https://files.example.org/remote-2.0.0.tgz")}`,
      `prod pkg:npm/sibling@0.1.0?download_url=${q("file:../sibling")}`,
      "prod pkg:npm/strip-ansi@6.0.1",
      "dev pkg:npm/tester@3.1.0",
    ]);
    expect(byPurl(graph, "pkg:npm/%40features/ui@0.0.1").source).toEqual({ type: "workspace", url: "packages/ui" });
  });
});
