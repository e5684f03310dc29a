import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InventoryError } from "../../errors.js";
import { GraphBuilder } from "../../graph-builder.js";
import { anyText, readWith, writeDir } from "../__tests__/js-fixtures.js";
import { npmReader } from "./npm-reader.js";

const lock = (body: object) => JSON.stringify({ name: "app", version: "1.0.0", ...body }, null, 2);
const read = async (files: Record<string, string>) => readWith(await writeDir(files), [npmReader]);

async function failure(files: Record<string, string>): Promise<InventoryError> {
  const error = await read(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InventoryError)) throw new Error(`expected an InventoryError, got ${String(error)}`);
  return error;
}

describe("npm lockfile edge cases: errors, warnings and unusual shapes", () => {
  it("names the line and column where malformed JSON stops and what was expected", async () => {
    const error = await failure({
      "package-lock.json": '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": tru\n  }\n}\n',
    });
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "package-lock.json", line: 4, column: 9 });
    expect(error.message).toBe("package-lock.json is not valid JSON: expected a value at line 4 column 9");
  });

  it("rejects an unknown lockfileVersion, naming the supported ones", async () => {
    const error = await failure({ "package-lock.json": lock({ lockfileVersion: 4, packages: {} }) });
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toBe("package-lock.json has lockfileVersion 4; supported lockfileVersion values are 1, 2, 3");
    expect(error.location).toEqual({ file: "package-lock.json", line: 4, column: 3 });
  });

  it("rejects a lockfile without lockfileVersion", async () => {
    const error = await failure({ "package-lock.json": "{}" });
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toContain("no lockfileVersion");
  });

  it("rejects a lockfileVersion 3 file without packages", async () => {
    const error = await failure({ "package-lock.json": lock({ lockfileVersion: 3, dependencies: {} }) });
    expect(error.code).toBe("LOCKFILE_INVALID");
    expect(error.message).toBe('package-lock.json: lockfileVersion 3 needs a "packages" object');
  });

  it("reads a lockfileVersion 2 file without packages through the v1 dependencies it keeps", async () => {
    const graph = await read({
      "package-lock.json": lock({ lockfileVersion: 2, dependencies: { a: { version: "1.0.0" } } }),
    });
    expect(graph.components.map((c) => c.purl)).toEqual(["pkg:npm/a@1.0.0", "pkg:npm/app@1.0.0"]);
  });

  it("recognises workspaces declared with a leading ./ as npm does", async () => {
    const graph = await read({
      "package-lock.json": lock({
        lockfileVersion: 3,
        packages: {
          "": { name: "app", version: "1.0.0", workspaces: ["./packages/*"] },
          "node_modules/ui": { resolved: "packages/ui", link: true },
          "packages/ui": { name: "ui", version: "0.1.0" },
        },
      }),
    });
    expect(graph.components.filter((c) => c.role === "workspace").map((c) => c.purl)).toEqual(["pkg:npm/ui@0.1.0"]);
  });

  it("rejects a package entry that is not an object, naming its line", async () => {
    const error = await failure({
      "package-lock.json": lock({ lockfileVersion: 3, packages: { "": {}, "node_modules/a": "1.0.0" } }),
    });
    expect(error.code).toBe("LOCKFILE_INVALID");
    expect(error.location).toEqual({ file: "package-lock.json", line: 7 });
  });

  it("warns about a dependency package.json declares but the lockfile does not lock", async () => {
    const graph = await read({
      "package.json": JSON.stringify({ name: "app", version: "1.0.0", dependencies: { "left-pad": "^1.3.0" } }),
      "package-lock.json": lock({ lockfileVersion: 3, packages: { "": { name: "app", version: "1.0.0" } } }),
    });
    expect(graph.warnings).toEqual([
      {
        code: "LOCKFILE_OUT_OF_SYNC",
        message:
          'package-lock.json does not lock "left-pad" (^1.3.0), which package.json declares; run npm install to update the lockfile',
        location: { file: "package-lock.json" },
      },
    ]);
  });

  it("reads npm-shrinkwrap.json and ignores the package-lock.json beside it, as npm does", async () => {
    const entry = (version: string) => ({
      "": { name: "app", version: "1.0.0", dependencies: { a: "*" } },
      "node_modules/a": { version },
    });
    const graph = await read({
      "npm-shrinkwrap.json": lock({ lockfileVersion: 3, packages: entry("2.0.0") }),
      "package-lock.json": lock({ lockfileVersion: 3, packages: entry("1.0.0") }),
    });
    expect(graph.components.map((c) => c.purl)).toEqual(["pkg:npm/a@2.0.0", "pkg:npm/app@1.0.0"]);
    expect(graph.lockfiles.map((l) => l.path)).toEqual(["npm-shrinkwrap.json"]);
    expect(graph.warnings.map((w) => w.code)).toEqual(["LOCKFILE_SUPERSEDED"]);
  });

  it("rejects a locked package whose dependency the lockfile does not lock, naming both and the line", async () => {
    const error = await failure({
      "package-lock.json": lock({
        lockfileVersion: 3,
        packages: {
          "": { name: "app", dependencies: { "is-odd": "^3.0.0" } },
          "node_modules/is-odd": { version: "3.0.1", dependencies: { "is-number": "^6.0.0" } },
        },
      }),
    });
    expect(error.code).toBe("LOCKFILE_INVALID");
    expect(error.message).toBe(
      'package-lock.json: node_modules/is-odd (is-odd@3.0.1) depends on "is-number", which the lockfile does not lock',
    );
    expect(error.location).toEqual({ file: "package-lock.json", line: 12 });
  });

  it("accepts a locked package whose optional or peer dependency is not installed", async () => {
    const graph = await read({
      "package-lock.json": lock({
        lockfileVersion: 3,
        packages: {
          "": { name: "app", dependencies: { plugin: "1.0.0" } },
          "node_modules/plugin": {
            version: "1.0.0",
            optionalDependencies: { fsevents: "^2.0.0" },
            peerDependencies: { react: "^18.0.0" },
          },
        },
      }),
    });
    expect(graph.components.map((c) => c.purl)).toEqual(["pkg:npm/app@1.0.0", "pkg:npm/plugin@1.0.0"]);
  });

  it("never throws anything but InventoryError on arbitrary text", async () => {
    const input = (text: string) => ({
      path: "/nowhere/package-lock.json",
      relativePath: "package-lock.json",
      text,
      readSibling: async () => undefined,
    });
    const lockish = fc.record({
      lockfileVersion: fc.oneof(fc.constantFrom(1, 2, 3), fc.anything()),
      packages: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
      dependencies: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText,
          fc.json(),
          lockish.map((v) => JSON.stringify(v) ?? ""),
        ),
        async (text) => {
          try {
            await npmReader.read(input(text), new GraphBuilder());
          } catch (error) {
            if (!(error instanceof InventoryError)) throw error;
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
