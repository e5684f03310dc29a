import { describe, expect, it } from "vitest";
import { byPurl, edgesOf, nameVersions, readWith, writeDir } from "../__tests__/js-fixtures.js";
import { npmReader } from "./npm-reader.js";

const GIT = "git+https://github.com/example/gitdep.git#0123456789abcdef0123456789abcdef01234567";
const SHA1_A = "sha1-hvfkN/qlp/zhXR3cuerq6jd2Z7g=";

/** A lockfileVersion 1 file as npm 6 writes it: nested dependencies, `requires`, aliases in `version`. */
const V1 = JSON.stringify(
  {
    name: "legacy",
    version: "0.1.0",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      "ansi-regex": { version: "5.0.1", resolved: "https://registry.example.org/ansi-regex/-/ansi-regex-5.0.1.tgz" },
      gitdep: { version: GIT, from: "git+https://github.com/example/gitdep.git" },
      strip: {
        version: "npm:strip-ansi@6.0.1",
        resolved: "https://registry.example.org/strip-ansi/-/strip-ansi-6.0.1.tgz",
        integrity: SHA1_A,
        requires: { "ansi-regex": "^5.0.1" },
      },
      tester: {
        version: "3.1.0",
        dev: true,
        requires: { "ansi-regex": "^4.0.0" },
        dependencies: { "ansi-regex": { version: "4.1.1", dev: true } },
      },
    },
  },
  null,
  2,
);
const MANIFEST = JSON.stringify({
  name: "legacy",
  version: "0.1.0",
  dependencies: { gitdep: "github:example/gitdep", strip: "npm:strip-ansi@^6.0.1" },
  devDependencies: { tester: "^3.0.0" },
});

describe("npm lockfileVersion 1", () => {
  it("flattens nested dependencies and resolves requires from the nearest level", async () => {
    const graph = await readWith(await writeDir({ "package-lock.json": V1, "package.json": MANIFEST }), [npmReader]);
    expect(nameVersions(graph)).toEqual([
      "ansi-regex@4.1.1",
      "ansi-regex@5.0.1",
      "gitdep@0123456789abcdef0123456789abcdef01234567",
      "strip-ansi@6.0.1",
      "tester@3.1.0",
    ]);
    expect(edgesOf(graph, "pkg:npm/tester@3.1.0")).toEqual(["prod pkg:npm/ansi-regex@4.1.1"]);
    expect(edgesOf(graph, "pkg:npm/strip-ansi@6.0.1")).toEqual(["prod pkg:npm/ansi-regex@5.0.1"]);
    expect(byPurl(graph, "pkg:npm/ansi-regex@4.1.1").locations).toEqual([{ file: "package-lock.json", line: 30 }]);
  });

  it("reads an alias from `npm:` in version and a git dependency's commit as its version", async () => {
    const graph = await readWith(await writeDir({ "package-lock.json": V1, "package.json": MANIFEST }), [npmReader]);
    const strip = byPurl(graph, "pkg:npm/strip-ansi@6.0.1");
    expect(strip.properties).toEqual({ "tollgate:npm-alias": "strip" });
    expect(strip.hashes).toEqual([{ alg: "SHA-1", content: "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8" }]);
    const git = byPurl(
      graph,
      `pkg:npm/gitdep@0123456789abcdef0123456789abcdef01234567?vcs_url=${encodeURIComponent(GIT)}`,
    );
    expect(git.source).toEqual({ type: "git", url: GIT });
    expect(edgesOf(graph, "pkg:npm/legacy@0.1.0")).toEqual([
      `prod ${git.purl}`,
      "prod pkg:npm/strip-ansi@6.0.1",
      "dev pkg:npm/tester@3.1.0",
    ]);
  });
});
