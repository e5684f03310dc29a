import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InventoryError } from "../../errors.js";
import { GraphBuilder } from "../../graph-builder.js";
import { anyText } from "../__tests__/js-fixtures.js";
import { pnpmReader } from "./pnpm-reader.js";

const input = (text: string) => ({
  path: "/nowhere/pnpm-lock.yaml",
  relativePath: "pnpm-lock.yaml",
  text,
  readSibling: async () => undefined,
});

async function failure(text: string): Promise<InventoryError> {
  const error = await pnpmReader.read(input(text), new GraphBuilder()).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InventoryError)) throw new Error(`expected an InventoryError, got ${String(error)}`);
  return error;
}

describe("pnpm lockfile errors", () => {
  it("names the line and column of malformed YAML and what the parser expected", async () => {
    const error = await failure(
      "lockfileVersion: '9.0'\npackages:\n  foo@1.0.0:\n    resolution: {integrity: sha512-x\n",
    );
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "pnpm-lock.yaml", line: 5, column: 1 });
    expect(error.message).toBe(
      "pnpm-lock.yaml is not valid YAML at line 5 column 1: Flow map in block collection must be sufficiently indented and end with a }",
    );
  });

  it("rejects an unknown lockfileVersion, naming the supported ones", async () => {
    const error = await failure("lockfileVersion: '4.0'\n");
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toBe(
      'pnpm-lock.yaml has lockfileVersion "4.0"; supported pnpm lockfile versions are 5.x, 6.x and 9.x',
    );
    expect(error.location).toEqual({ file: "pnpm-lock.yaml", line: 1, column: 1 });
  });

  it("rejects a package whose dependency the lockfile does not lock, naming both and the line", async () => {
    const error = await failure(
      [
        "lockfileVersion: '9.0'",
        "importers:",
        "  .:",
        "    dependencies:",
        "      is-odd:",
        "        specifier: ^3.0.0",
        "        version: 3.0.1",
        "packages:",
        "  is-odd@3.0.1:",
        "    resolution: {integrity: sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA==}",
        "snapshots:",
        "  is-odd@3.0.1:",
        "    dependencies:",
        "      is-number: 6.0.0",
        "",
      ].join("\n"),
    );
    expect(error.code).toBe("LOCKFILE_INVALID");
    expect(error.message).toBe(
      'pnpm-lock.yaml: "is-odd@3.0.1" depends on is-number 6.0.0, which the lockfile does not lock',
    );
    expect(error.location).toEqual({ file: "pnpm-lock.yaml", line: 9 });
  });

  it("rejects an importer whose dependency the lockfile does not lock", async () => {
    const error = await failure(
      [
        "lockfileVersion: '9.0'",
        "importers:",
        "  .:",
        "    devDependencies:",
        "      left-pad:",
        "        specifier: 1.3.0",
        "        version: 1.3.0",
        "",
      ].join("\n"),
    );
    expect(error.message).toBe(
      'pnpm-lock.yaml: importer "." depends on left-pad 1.3.0, which the lockfile does not lock',
    );
  });

  it("never throws anything but InventoryError on arbitrary text", async () => {
    const yamlish = fc
      .record({
        lockfileVersion: fc.oneof(fc.constantFrom("5.4", 5.3, "6.0", "9.0"), fc.anything()),
        importers: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
        packages: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
        snapshots: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()),
      })
      .map((v) => JSON.stringify(v) ?? "");
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, fc.json(), yamlish), async (text) => {
        try {
          await pnpmReader.read(input(text), new GraphBuilder());
        } catch (error) {
          if (!(error instanceof InventoryError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
