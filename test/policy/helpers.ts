import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DependencyGraph, readInventory } from "@tollgate/inventory";

/** The corpus lockfiles copied into the repository. */
export const LOCKFILES = new URL("../fixtures/lockfiles/", import.meta.url).pathname;
/** Fixtures of the policy gate. */
export const POLICY_FIXTURES = new URL("../fixtures/policy/", import.meta.url).pathname;

/** Copies a corpus npm project (lockfile and manifest, by corpus prefix) into a fresh directory. */
export function npmProject(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-policy-"));
  copyFileSync(join(LOCKFILES, "npm", `${prefix}__package-lock.json`), join(dir, "package-lock.json"));
  copyFileSync(join(LOCKFILES, "npm", `${prefix}__package.json`), join(dir, "package.json"));
  return dir;
}

let insomnia: Promise<DependencyGraph> | undefined;

/** The graph of insomnia's current lockfile (npm lockfile v3), read once. */
export function insomniaGraph(): Promise<DependencyGraph> {
  insomnia ??= readInventory(npmProject("Kong__insomnia"));
  return insomnia;
}
