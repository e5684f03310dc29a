import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { byPurl, edgesOf, HANDMADE, nameVersions, readWith, tempDir } from "../__tests__/js-fixtures.js";
import { pnpmReader } from "./pnpm-reader.js";

async function handmade(folder: string) {
  const dir = await tempDir();
  for (const name of ["package.json", "pnpm-lock.yaml"]) await copyFile(join(HANDMADE, folder, name), join(dir, name));
  return readWith(dir, [pnpmReader]);
}

const GIT_SHA = "0123456789abcdef0123456789abcdef01234567";

describe("pnpm 5.x (hand-written, single project)", () => {
  it("reads the top-level importer, one component per package and its dev/optional flags", async () => {
    const graph = await handmade("pnpm-v5");
    expect(nameVersions(graph)).toEqual([
      "fsevents@2.3.3",
      "gitdep@0.4.0",
      "left-pad@1.3.0",
      "react-dom@18.2.0",
      "react@18.2.0",
      "remote@2.0.0",
      "strip-ansi@6.0.1",
      "tester@3.1.0",
    ]);
    expect(byPurl(graph, "pkg:npm/tester@3.1.0").scope).toBe("development");
    expect(byPurl(graph, "pkg:npm/fsevents@2.3.3").scope).toBe("development");
    expect(byPurl(graph, "pkg:npm/left-pad@1.3.0").scope).toBe("required");
    expect(edgesOf(graph, "pkg:npm/tester@3.1.0")).toEqual([
      "optional pkg:npm/fsevents@2.3.3",
      "prod pkg:npm/left-pad@1.3.0",
    ]);
  });

  it("normalises the peer suffix to name@version and keeps it as a property", async () => {
    const graph = await handmade("pnpm-v5");
    const reactDom = byPurl(graph, "pkg:npm/react-dom@18.2.0");
    expect(reactDom.properties).toEqual({ "tollgate:pnpm-peers": "react@18.2.0" });
    expect(reactDom.locations).toEqual([{ file: "pnpm-lock.yaml", line: 27 }]);
    expect(edgesOf(graph, reactDom.id)).toEqual(["prod pkg:npm/react@18.2.0"]);
  });

  it("follows an alias and keeps tarball packages apart with download_url", async () => {
    const graph = await handmade("pnpm-v5");
    const codeload = `https://codeload.github.com/example/gitdep/tar.gz/${GIT_SHA}`;
    const remote = "https://files.example.org/remote-2.0.0.tgz";
    expect(edgesOf(graph, "pkg:npm/pnpm-five@1.0.0")).toEqual([
      `prod pkg:npm/gitdep@0.4.0?download_url=${encodeURIComponent(codeload)}`,
      "prod pkg:npm/left-pad@1.3.0",
      "prod pkg:npm/react-dom@18.2.0",
      `prod pkg:npm/remote@2.0.0?download_url=${encodeURIComponent(remote)}`,
      "prod pkg:npm/strip-ansi@6.0.1",
      "dev pkg:npm/tester@3.1.0",
    ]);
    expect(graph.warnings).toEqual([]);
  });
});

describe("pnpm 9.x (hand-written, workspace)", () => {
  it("makes each non-root importer a workspace named by the link that points at it", async () => {
    const graph = await handmade("pnpm-v9");
    const ui = graph.components.find((c) => c.role === "workspace");
    expect(ui).toMatchObject({ purl: "pkg:npm/%40demo/ui", source: { type: "workspace", url: "packages/ui" } });
    expect(edgesOf(graph, "pkg:npm/pnpm-nine@2.0.0")).toContain("dev pkg:npm/%40demo/ui");
    expect(edgesOf(graph, "pkg:npm/%40demo/ui")).toEqual(["prod pkg:npm/react@18.2.0"]);
  });

  it("reads a git resolution as a git source with vcs_url, and an alias reference", async () => {
    const graph = await handmade("pnpm-v9");
    const repo = `git+https://git@github.com/example/gitdep.git#${GIT_SHA}`;
    expect(byPurl(graph, `pkg:npm/gitdep@0.4.0?vcs_url=${encodeURIComponent(repo)}`).source).toEqual({
      type: "git",
      url: repo,
    });
    expect(edgesOf(graph, "pkg:npm/pnpm-nine@2.0.0")).toContain("prod pkg:npm/strip-ansi@6.0.1");
  });

  it("takes hashes from packages and edges from snapshots", async () => {
    const graph = await handmade("pnpm-v9");
    const reactDom = byPurl(graph, "pkg:npm/react-dom@18.2.0");
    expect(reactDom.hashes.map((h) => h.alg)).toEqual(["SHA-512"]);
    expect(reactDom.locations).toEqual([{ file: "pnpm-lock.yaml", line: 37 }]);
    expect(edgesOf(graph, reactDom.id)).toEqual(["prod pkg:npm/react@18.2.0"]);
  });

  it("warns about a manifest dependency the lockfile does not lock", async () => {
    const graph = await handmade("pnpm-v9");
    expect(graph.warnings.map((w) => w.message)).toEqual([
      'pnpm-lock.yaml does not lock "left-pad" (^1.3.0), which package.json declares; run pnpm install to update the lockfile',
    ]);
  });
});
