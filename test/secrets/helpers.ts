import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseSecretsConfig, type ScanResult, scanPaths } from "@tollgate/secrets";

/** The fixtures of the secrets tests. */
export const fixtures = fileURLToPath(new URL("../fixtures/secrets/", import.meta.url));

/** A fake GitHub token with a valid checksum (from the labeled corpus). */
export const TOKEN = "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";

/** Creates a temp directory with `files` (relative path → content) and returns its path. */
export async function tree(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-secrets-"));
  for (const [name, data] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), data);
  }
  return dir;
}

/** Removes a temp tree. */
export async function removeTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Scans `dir` in this thread with an optional `secrets:` policy section. */
export async function scanDir(dir: string, secrets?: unknown): Promise<ScanResult> {
  return scanPaths({ paths: [dir], cwd: dir, workers: 0, config: parseSecretsConfig(secrets ?? {}) });
}

/** `file:line rule` of every finding, for exact expectations. */
export function where(result: ScanResult): string[] {
  return result.findings.map((f) => `${f.file}:${f.line} ${f.rule}`);
}
