import { describe, expect, it } from "vitest";
import {
  assertOnlyTypedErrors,
  byPurl,
  corpus,
  edgesFrom,
  readProject,
  readString,
  rejection,
} from "../__tests__/text-harness.js";
import { composerLicense, composerLockReader } from "./composer-lock-reader.js";

async function koel() {
  return readProject(composerLockReader, {
    "composer.lock": await corpus("php/koel__koel__composer.lock"),
    "composer.json": await corpus("php/koel__koel__composer.json"),
  });
}

const MINIMAL = JSON.stringify(
  {
    packages: [
      {
        name: "Acme/Lib",
        version: "1.0.0",
        dist: {
          type: "zip",
          url: "https://registry.example.org/acme/lib.zip",
          shasum: "3A0E2D5F3A9C0F4B2E1D6C7B8A9F0E1D2C3B4A59",
        },
        require: { php: ">=8.1", "acme/util": "^2.0" },
        license: ["MIT"],
      },
      {
        name: "acme/util",
        version: "2.1.0",
        source: { type: "git", url: "https://github.com/acme/util.git", reference: "abc123" },
      },
    ],
    "packages-dev": [],
  },
  null,
  4,
);

describe("composerLockReader", () => {
  it("reads packages as required and packages-dev as development", async () => {
    const graph = await koel();
    const deps = graph.components.filter((c) => c.role === "dependency");
    expect(deps).toHaveLength(202);
    expect(deps.filter((c) => c.scope === "development")).toHaveLength(46);
  });

  it("names the root from composer.json and links it to require and require-dev, platform ones left out", async () => {
    const graph = await koel();
    const edges = edgesFrom(graph, "pkg:composer/koel/koel");
    expect(edges).toHaveLength(51);
    expect(edges).toContain("pkg:composer/laravel/framework@v13.24.0 prod");
    expect(graph.warnings).toEqual([]);
  });

  it("keeps the license, the dist URL as source and the line of the entry", async () => {
    const crt = byPurl(await koel(), "pkg:composer/aws/aws-crt-php@v1.2.7");
    expect(crt.license).toBe("Apache-2.0");
    expect(crt.source).toEqual({
      type: "registry",
      url: "https://api.github.com/repos/awslabs/aws-crt-php/zipball/d71d9906c7bb63a28295447ba12e74723bd3730e",
    });
    expect(crt.locations).toEqual([{ file: "composer.lock", line: 84 }]);
  });

  it("turns a license array into an OR expression", async () => {
    expect(byPurl(await koel(), "pkg:composer/nette/utils@v4.1.5").license).toBe(
      "BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only",
    );
    expect(composerLicense(["MIT"])).toBe("MIT");
    expect(composerLicense([])).toBeUndefined();
  });

  it("links a requirement to the package that provides or replaces it", async () => {
    const edges = edgesFrom(await koel(), "pkg:composer/laravel/ai@v0.7.0");
    expect(edges).toContain("pkg:composer/laravel/framework@v13.24.0 prod");
  });

  it("keeps a dist shasum as SHA-1, lower case, and a VCS-only source with its reference", async () => {
    const graph = await readString(composerLockReader, "composer.lock", MINIMAL);
    expect(byPurl(graph, "pkg:composer/acme/lib@1.0.0").hashes).toEqual([
      { alg: "SHA-1", content: "3a0e2d5f3a9c0f4b2e1d6c7b8a9f0e1d2c3b4a59" },
    ]);
    expect(byPurl(graph, "pkg:composer/acme/util@2.1.0").source).toEqual({
      type: "git",
      url: "https://github.com/acme/util.git#abc123",
    });
    expect(byPurl(graph, "pkg:composer/acme/lib@1.0.0").locations).toEqual([{ file: "composer.lock", line: 4 }]);
  });

  it("without composer.json links the root to the packages nothing requires", async () => {
    const graph = await readString(composerLockReader, "composer.lock", MINIMAL);
    expect(edgesFrom(graph, "pkg:composer/project")).toEqual(["pkg:composer/acme/lib@1.0.0 prod"]);
  });

  it("warns about a composer.json requirement the lock lacks", async () => {
    const graph = await readString(composerLockReader, "composer.lock", MINIMAL, {
      "composer.json": '{"name": "acme/app", "require": {"php": "^8.2", "acme/lib": "^1.0", "acme/missing": "^3.0"}}',
    });
    expect(graph.warnings.map((w) => w.message)).toEqual([
      "composer.json requires acme/missing, which composer.lock does not lock; run composer update",
    ]);
  });
});

describe("composerLockReader on bad input", () => {
  it("names line and column of a JSON syntax error", async () => {
    const error = await rejection(
      readString(composerLockReader, "composer.lock", '{\n    "packages": [\n        {"name": }\n    ]\n}'),
    );
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "composer.lock", line: 3, column: 18 });
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(composerLockReader, "composer.lock", MINIMAL);
  });
});
