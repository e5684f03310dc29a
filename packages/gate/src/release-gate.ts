import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { TollgateError } from "@tollgate/errors";
import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import { createHttpClient, type HttpClient } from "@tollgate/net";
import { loadPolicy } from "@tollgate/policy";
import { digestFiles } from "./digest-files.js";
import { type GateResult, overallVerdict } from "./gate-result.js";
import { buildRecord, type GateRecord } from "./record.js";
import { BLOCKED_BY_CHECKS, type GateStage, runGate } from "./run-gate.js";
import { advisoriesStage } from "./stages/advisories-stage.js";
import { policyStage } from "./stages/policy-stage.js";
import { sbomStage } from "./stages/sbom-stage.js";
import { secretsStage } from "./stages/secrets-stage.js";
import { renderSummary } from "./summary.js";

/** What the release stages (sign, attest, publish) are given once every check passed. */
export interface ReleaseContext {
  record: GateRecord;
  recordFile: string;
  graph: DependencyGraph;
  sbomFiles: string[];
  artifacts: string[];
}

export interface ReleaseGateOptions {
  /** The project directory (lockfiles) or an SBOM file. */
  path: string;
  /** Release artifacts (files or directories), already expanded from globs. */
  artifacts: string[];
  /** Relative paths resolve against it. */
  cwd: string;
  /** Where SBOMs, the record and the summary are written. */
  outputDir: string;
  /** The policy file; found (tollgate.yml, .github/tollgate.yml) or defaults when absent. */
  policyFile?: string;
  /** Offline OSV database directory. */
  db?: string;
  osvUrl?: string;
  /** Registry metadata API base URLs (tests). */
  metadataUrls?: Partial<Record<Ecosystem, string>>;
  /** Injected client; built from the policy's `network` section otherwise. */
  http?: HttpClient;
  cacheDir?: string;
  toolVersion: string;
  /** The release stages, built once the record exists; none for a check-only run. */
  release?: (context: ReleaseContext) => GateStage[];
  onStage?: Parameters<typeof runGate>[0]["onStage"];
  onSecret?: (secret: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface ReleaseGateOutcome {
  results: GateResult[];
  record: GateRecord;
  recordFile: string;
  summary: string;
  verdict: "pass" | "fail";
}

/** The record's file name in the evidence directory. */
export const RECORD_FILE = "tollgate-record.json";

/**
 * The whole gate: SBOMs, advisories, dependency policy and secret scan, then — only if every
 * check passed — the caller's release stages. Writes the record and the summary either way.
 */
export async function runReleaseGate(options: ReleaseGateOptions): Promise<ReleaseGateOutcome> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const loaded = await loadPolicy(options.policyFile, { cwd: options.cwd });
  const policy = loaded.policy;
  const artifacts = options.artifacts.map((a) => resolve(options.cwd, a));
  if (artifacts.length === 0) {
    throw new TollgateError("GATE_NO_ARTIFACTS", "no release artifacts were given or matched", {
      hint: "pass --artifacts with a glob that matches your release files (e.g. 'dist/*')",
    });
  }
  for (const artifact of artifacts) {
    await stat(artifact).catch((cause: unknown) => {
      throw new TollgateError("GATE_ARTIFACT_MISSING", `release artifact ${artifact} does not exist`, {
        location: { file: artifact },
        hint: "build the release files before running the gate",
        cause,
      });
    });
  }
  const outputDir = resolve(options.cwd, options.outputDir);
  await mkdir(outputDir, { recursive: true });
  const offline = policy.network.offline;
  const http =
    options.http ?? (offline && options.db ? undefined : createHttpClient({ allow: policy.network.allow, offline }));
  const path = resolve(options.cwd, options.path);
  const sbom = await sbomStage({
    path,
    outputDir,
    toolVersion: options.toolVersion,
    ...(options.env ? { env: options.env } : {}),
  });
  let advisoryData: GateRecord["advisoryData"] = null;
  const checks: GateStage[] = [
    { name: "sbom", title: "SBOM", run: async () => sbom.result },
    {
      name: "advisories",
      title: "Advisories (OSV)",
      run: async () => {
        const out = await advisoriesStage({
          graph: sbom.graph,
          policy,
          ...(options.db ? { db: resolve(options.cwd, options.db) } : {}),
          ...(options.osvUrl ? { osvUrl: options.osvUrl } : {}),
          ...(http ? { http } : {}),
          ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
          now,
        });
        advisoryData = out.data;
        return out.result;
      },
    },
    {
      name: "policy",
      title: "Dependency policy",
      run: () =>
        policyStage({
          graph: sbom.graph,
          policy,
          dir: path,
          offline: offline || http === undefined,
          ...(http ? { http } : {}),
          ...(options.metadataUrls ? { metadataUrls: options.metadataUrls } : {}),
          ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
          ...(options.env ? { env: options.env } : {}),
        }),
    },
    {
      name: "secrets",
      title: "Secrets in artifacts",
      run: () =>
        secretsStage({
          artifacts,
          cwd: options.cwd,
          config: policy.secrets,
          ...(options.onSecret ? { onSecret: options.onSecret } : {}),
        }),
    },
  ];
  const checkResults = await runGate({ checks, release: [], ...(options.onStage ? { onStage: options.onStage } : {}) });
  const lockfileBase = (await stat(path)).isDirectory() ? path : dirname(path);
  const record = buildRecord({
    tollgate: { version: options.toolVersion },
    mode: policy.mode,
    policy: { file: loaded.file ?? null, sha256: loaded.sha256 ?? null },
    startedAt,
    finishedAt: now().toISOString(),
    inputs: {
      lockfiles: await digestFiles(
        sbom.graph.lockfiles.map((l) => join(lockfileBase, l.path)),
        options.cwd,
      ),
      artifacts: await digestFiles(artifacts, options.cwd),
      sboms: await digestFiles(sbom.files, options.cwd),
    },
    advisoryData,
    gates: checkResults,
    egress: (http?.egress ?? []).map((e) => ({ method: e.method, host: e.host, path: e.path, status: e.status })),
  });
  const recordFile = join(outputDir, RECORD_FILE);
  await writeFile(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  const context: ReleaseContext = { record, recordFile, graph: sbom.graph, sbomFiles: sbom.files, artifacts };
  const release = await runGate({
    checks: [],
    release: options.release?.(context) ?? [],
    ...(record.verdict === "pass" ? {} : { blocked: BLOCKED_BY_CHECKS }),
    ...(options.onStage ? { onStage: options.onStage } : {}),
  });
  const results = [...checkResults, ...release];
  const summary = renderSummary(results, {
    mode: policy.mode,
    policyFile: loaded.file ?? null,
    recordSha256: record.sha256,
  });
  await writeFile(join(outputDir, "tollgate-summary.md"), summary);
  return {
    results,
    record,
    recordFile,
    summary,
    verdict: overallVerdict(results),
  };
}
