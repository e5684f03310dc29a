/** What one gate decided. `skipped` is only for gates that did not run because an earlier one failed or signing is off. */
export type Verdict = "pass" | "fail" | "warn" | "skipped" | "error";

/** The outcome of one gate, as the summary and the record show it. */
export interface GateResult {
  /** Stable gate name: `sbom`, `advisories`, `policy`, `secrets`, `sign`, `attest`, `publish`. */
  name: string;
  /** A human title for the summary, e.g. "Advisories (OSV)". */
  title: string;
  verdict: Verdict;
  /** Counts that matter for this gate, e.g. `{ findings: 2, ignored: 1 }`; sorted by key when written. */
  counts: Record<string, number>;
  /** The first findings, one line each, already redacted. */
  findings: string[];
  /** Why the gate was skipped or errored, or a note such as "signing skipped: no identity token". */
  note?: string;
}

/** The overall verdict: any fail or error fails the release (fail closed); warnings do not. */
export function overallVerdict(results: readonly GateResult[]): "pass" | "fail" {
  return results.some((r) => r.verdict === "fail" || r.verdict === "error") ? "fail" : "pass";
}
