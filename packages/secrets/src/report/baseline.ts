import { readFile } from "node:fs/promises";
import { z } from "zod";
import { SecretsError } from "../errors.js";
import type { ScanResult } from "./types.js";

const baselineSchema = z.object({
  version: z.literal(1),
  findings: z.array(
    z.object({
      fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
      rule: z.string(),
      file: z.string(),
      line: z.number(),
      redacted: z.string(),
    }),
  ),
});

/** The baseline file: accepted findings by fingerprint, with enough context for a reviewer, never the secret. */
export type Baseline = z.infer<typeof baselineSchema>;

/** The baseline of a scan: every finding (and already-suppressed one) that would fail it, sorted. */
export function buildBaseline(result: ScanResult): Baseline {
  const all = [...result.findings, ...result.suppressed.filter((s) => s.suppressedBy === "baseline")];
  const findings = all
    .map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, file: f.file, line: f.line, redacted: f.redacted }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { version: 1, findings: findings.filter((f, i) => i === 0 || findings[i - 1]?.fingerprint !== f.fingerprint) };
}

/** Reads a baseline file and returns its fingerprints. */
export async function readBaseline(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SecretsError("SECRETS_BAD_BASELINE", `cannot read baseline ${path}`, {
      location: { file: path },
      cause: error,
      hint: "create it with tollgate scan --write-baseline FILE",
    });
  }
  let parsed: Baseline;
  try {
    parsed = baselineSchema.parse(JSON.parse(text));
  } catch (error) {
    throw new SecretsError("SECRETS_BAD_BASELINE", `${path} is not a Tollgate secrets baseline`, {
      location: { file: path },
      cause: error,
      hint: "regenerate it with tollgate scan --write-baseline FILE",
    });
  }
  return new Set(parsed.findings.map((f) => f.fingerprint));
}
