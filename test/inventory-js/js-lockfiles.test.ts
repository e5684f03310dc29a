import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readInventory } from "@tollgate/inventory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const HANDMADE = fileURLToPath(new URL("../fixtures/lockfiles-handmade/", import.meta.url));
let root: string;

/** One repository holding an npm project at the top and pnpm, yarn berry and yarn classic projects below. */
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "tollgate-js-tree-"));
  await cp(join(HANDMADE, "npm-features"), root, { recursive: true });
  await cp(join(HANDMADE, "pnpm-v9"), join(root, "apps/pnpm"), { recursive: true });
  await cp(join(HANDMADE, "yarn-berry"), join(root, "apps/berry"), { recursive: true });
  await cp(join(HANDMADE, "yarn-classic"), join(root, "apps/classic"), { recursive: true });
  // Installed packages are never read: a broken lockfile inside node_modules must not matter.
  await mkdir(join(root, "node_modules/broken"), { recursive: true });
  await writeFile(join(root, "node_modules/broken/package-lock.json"), "{ not json");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("reading a tree of JavaScript lockfiles", () => {
  it("finds each lockfile and picks the reader by name and content (yarn berry vs classic)", async () => {
    const graph = await readInventory(root);
    expect(graph.lockfiles).toEqual([
      { path: "apps/berry/yarn.lock", format: "yarn-berry", ecosystem: "npm" },
      { path: "apps/classic/yarn.lock", format: "yarn-classic", ecosystem: "npm" },
      { path: "apps/pnpm/pnpm-lock.yaml", format: "pnpm-lock", ecosystem: "npm" },
      { path: "package-lock.json", format: "npm-package-lock", ecosystem: "npm" },
    ]);
    expect(graph.components.filter((c) => c.role === "root").map((c) => c.purl)).toEqual([
      "pkg:npm/berry-app@3.0.0",
      "pkg:npm/classic-app@4.0.0",
      "pkg:npm/features-app@1.2.0",
      "pkg:npm/pnpm-nine@2.0.0",
    ]);
  });

  it("merges a package several lockfiles pin into one component with every location", async () => {
    const graph = await readInventory(root);
    expect(graph.components.find((c) => c.purl === "pkg:npm/left-pad@1.3.0")?.locations).toEqual([
      { file: "apps/berry/yarn.lock", line: 51 },
      { file: "apps/berry/yarn.lock", line: 58 },
      { file: "apps/classic/yarn.lock", line: 19 },
      { file: "package-lock.json", line: 34 },
      { file: "package-lock.json", line: 69 },
    ]);
  });

  it("leaves development-only packages out with omit development, keeping what production needs", async () => {
    const graph = await readInventory(root, { omit: ["development"] });
    const purls = graph.components.map((c) => c.purl);
    expect(purls).not.toContain("pkg:npm/tester@3.1.0");
    expect(purls).toContain("pkg:npm/strip-ansi@6.0.1");
    expect(purls).toContain("pkg:npm/shared-opt@1.0.0");
  });

  it("reports the out-of-sync manifest dependency of the pnpm project", async () => {
    const graph = await readInventory(root);
    expect(graph.warnings).toEqual([
      {
        code: "LOCKFILE_OUT_OF_SYNC",
        message:
          'apps/pnpm/pnpm-lock.yaml does not lock "left-pad" (^1.3.0), which apps/pnpm/package.json declares; run pnpm install to update the lockfile',
        location: { file: "apps/pnpm/pnpm-lock.yaml" },
      },
    ]);
  });
});
