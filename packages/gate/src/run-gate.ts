import { formatError } from "@tollgate/errors";
import type { GateResult } from "./gate-result.js";
import { overallVerdict } from "./gate-result.js";

/** Why release stages are skipped after a failed check. */
export const BLOCKED_BY_CHECKS = "not run: a check failed, nothing is signed or published";

/** One stage of the gate. `run` resolves to its result; a thrown error becomes verdict `error` (fail closed). */
export interface GateStage {
  name: string;
  title: string;
  run(): Promise<GateResult>;
}

export interface RunGateOptions {
  /** The checks (SBOM, advisories, policy, secrets), all run even when one fails, so the report is complete. */
  checks: GateStage[];
  /** Signing, attesting, publishing: run in order only when every check passed, stopped at the first failure. */
  release: GateStage[];
  /** Skip every release stage with this reason (a check that ran earlier failed). */
  blocked?: string;
  /** Told when a stage starts and ends (grouped logs, progress). */
  onStage?: (event: { stage: GateStage; phase: "start" | "end"; result?: GateResult }) => void;
}

async function runStage(stage: GateStage, options: RunGateOptions): Promise<GateResult> {
  options.onStage?.({ stage, phase: "start" });
  let result: GateResult;
  try {
    result = await stage.run();
  } catch (error) {
    result = {
      name: stage.name,
      title: stage.title,
      verdict: "error",
      counts: {},
      findings: [],
      note: formatError(error),
    };
  }
  options.onStage?.({ stage, phase: "end", result });
  return result;
}

/**
 * Runs every check, then — only if all of them passed — the release stages. Nothing is
 * signed or published after a failed check; skipped stages say why.
 */
export async function runGate(options: RunGateOptions): Promise<GateResult[]> {
  const results: GateResult[] = [];
  for (const stage of options.checks) results.push(await runStage(stage, options));
  let blocked = options.blocked ?? (overallVerdict(results) === "fail" ? BLOCKED_BY_CHECKS : "");
  for (const stage of options.release) {
    if (blocked) {
      results.push({
        name: stage.name,
        title: stage.title,
        verdict: "skipped",
        counts: {},
        findings: [],
        note: blocked,
      });
      continue;
    }
    const result = await runStage(stage, options);
    results.push(result);
    if (result.verdict === "fail" || result.verdict === "error") blocked = `not run: ${stage.title} failed`;
  }
  return results;
}
