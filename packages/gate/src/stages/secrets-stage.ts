import { type SecretsConfig, scanPaths } from "@tollgate/secrets";
import type { GateResult } from "../gate-result.js";

export interface SecretsStageOptions {
  /** The release artifacts (files, directories, archives). */
  artifacts: string[];
  cwd: string;
  config?: SecretsConfig;
  /** Called with each secret found, so an action can mask it in the runner's logs. */
  onSecret?: (secret: string) => void;
}

/** Scans the release artifacts, archives included; a secret or (unless allowed) an unscanned member fails. */
export async function secretsStage(options: SecretsStageOptions): Promise<GateResult> {
  const result = await scanPaths({
    paths: options.artifacts,
    cwd: options.cwd,
    ...(options.config ? { config: options.config } : {}),
  });
  for (const f of result.findings) options.onSecret?.(f.secret);
  const unscannedFails = result.unscanned.length > 0 && options.config?.unscanned !== "allow";
  return {
    name: "secrets",
    title: "Secrets in artifacts",
    verdict: result.findings.length > 0 || unscannedFails ? "fail" : result.unscanned.length > 0 ? "warn" : "pass",
    counts: {
      files: result.stats.files,
      findings: result.findings.length,
      suppressed: result.suppressed.length,
      unscanned: result.unscanned.length,
    },
    findings: [
      ...result.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.redacted}`),
      ...result.unscanned.map((u) => `unscanned ${u.file}: ${u.reason} (${u.detail})`),
    ],
  };
}
