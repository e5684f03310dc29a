import picomatch from "picomatch";
import type { AllowEntry } from "../config/schema.js";
import type { Finding, SuppressedFinding } from "../report/types.js";

/** A finding as the walker produced it, with the inline marker reason if any. */
export interface CandidateFinding extends Finding {
  allowedBy: string | undefined;
}

/** Compiled allow entries of the policy. */
export interface Allowlist {
  /** The reason of the first entry that accepts the finding, else undefined. */
  match(finding: Finding): string | undefined;
}

/** Compiles the policy's allow entries (path globs, regexes on the secret, stopwords). */
export function compileAllowlist(entries: AllowEntry[]): Allowlist {
  const tests = entries.map((entry): ((f: Finding) => boolean) => {
    if (entry.path !== undefined) {
      const glob = picomatch(entry.path, { dot: true });
      return (f) => glob(f.file) || f.file.split("!").some((part) => glob(part));
    }
    if (entry.regex !== undefined) {
      const regex = new RegExp(entry.regex);
      return (f) => regex.test(f.secret);
    }
    const word = (entry.stopword ?? "").toLowerCase();
    return (f) => f.secret.toLowerCase().includes(word);
  });
  return {
    match(finding) {
      const i = tests.findIndex((t) => t(finding));
      return i === -1 ? undefined : entries[i]?.reason;
    },
  };
}

/**
 * Splits findings into those that fail the scan and those accepted with a
 * reason: an inline marker, a policy allow entry, or the baseline. Accepted
 * findings stay in the report as `suppressed`; nothing is hidden.
 */
export function applySuppressions(
  candidates: CandidateFinding[],
  allowlist: Allowlist,
  baseline: ReadonlySet<string>,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const { allowedBy, ...finding } of candidates) {
    if (allowedBy !== undefined) {
      suppressed.push({ ...finding, suppressedBy: "inline", reason: allowedBy });
      continue;
    }
    const reason = allowlist.match(finding);
    if (reason !== undefined) suppressed.push({ ...finding, suppressedBy: "config", reason });
    else if (baseline.has(finding.fingerprint))
      suppressed.push({ ...finding, suppressedBy: "baseline", reason: "accepted in the baseline" });
    else findings.push(finding);
  }
  return { findings, suppressed };
}
