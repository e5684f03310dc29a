import { glob, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { AttestError } from "./attest-error.js";

/** Expands glob patterns (relative to `cwd`) into sorted absolute paths of regular files; no match is an error. */
export async function expandArtifacts(patterns: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const pattern of patterns) {
    for await (const match of glob(pattern, { cwd })) {
      const path = resolve(cwd, match);
      if ((await stat(path)).isFile()) found.add(path);
    }
  }
  if (found.size === 0) {
    throw new AttestError(
      "ATTEST_NO_ARTIFACTS",
      `no file matches ${patterns.map((p) => JSON.stringify(p)).join(", ")}`,
      {
        hint: "Check the `artifacts` input: globs are relative to the workspace, e.g. dist/*.tgz.",
      },
    );
  }
  return [...found].sort();
}
