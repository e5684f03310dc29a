import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type AttestationFile, attestArtifacts, type PredicateInput } from "./attest-artifacts.js";
import { AttestError } from "./attest-error.js";
import { digestArtifacts } from "./digest.js";
import { decodeJwtClaims, githubContextFromClaims } from "./github-context.js";
import type { SigstoreInstance } from "./instance.js";
import { buildSlsaProvenance, SLSA_PROVENANCE_V1 } from "./provenance.js";
import { parseSbom } from "./sbom-predicate.js";
import { createSigningSession } from "./signing-session.js";

export interface AttestReleaseOptions {
  /** Artifacts: every one is a subject of every attestation. */
  paths: readonly string[];
  /** CycloneDX / SPDX JSON SBOMs to attest (each its own predicate). */
  sbomPaths?: readonly string[];
  /** Skip the provenance attestation (SBOM attestations only). */
  provenance?: boolean;
  /** Further predicates over the same subjects, e.g. the gate's verification summary. */
  extraPredicates?: readonly PredicateInput[];
  outDir: string;
  /** Resolves the instance once the token's repository visibility is known. */
  instance: (visibility: string) => SigstoreInstance;
  getToken: () => Promise<string | undefined>;
  serverUrl?: string;
  timeoutMs?: number;
  retries?: number;
}

export interface AttestReleaseResult {
  instance: SigstoreInstance;
  files: AttestationFile[];
  subjects: number;
  certificateRequests: number;
}

/** Attests provenance (from the run's OIDC claims) and SBOMs over all artifacts; writes `*.intoto.jsonl`. */
export async function attestRelease(options: AttestReleaseOptions): Promise<AttestReleaseResult> {
  const token = await options.getToken();
  if (!token) {
    throw new AttestError("ATTEST_OIDC_UNAVAILABLE", "no OIDC token is available to this job", {
      hint: "Add `permissions: id-token: write` to the job (and run on GitHub Actions), so the runner can mint the OIDC token for audience `sigstore`.",
    });
  }
  const claims = decodeJwtClaims(token);
  const predicates: PredicateInput[] = [];
  let visibility = typeof claims.repository_visibility === "string" ? claims.repository_visibility : "";
  if (options.provenance !== false) {
    const context = githubContextFromClaims(claims, options.serverUrl);
    visibility = context.repositoryVisibility;
    predicates.push({ name: "provenance", predicateType: SLSA_PROVENANCE_V1, predicate: buildSlsaProvenance(context) });
  }
  for (const path of options.sbomPaths ?? []) {
    const { predicateType, predicate } = parseSbom(await readFile(path, "utf8"), path);
    predicates.push({ name: basename(path).replace(/\.json$/, ""), predicateType, predicate });
  }
  predicates.push(...(options.extraPredicates ?? []));
  if (predicates.length === 0) {
    throw new AttestError("ATTEST_NO_ARTIFACTS", "nothing to attest: provenance is off and no SBOM was given", {
      hint: "Pass --sbom FILE or leave provenance on.",
    });
  }
  const instance = options.instance(visibility);
  const session = createSigningSession({
    instance,
    getToken: async () => token,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
  });
  const subjects = await digestArtifacts(options.paths);
  const files = await attestArtifacts({ subjects, predicates, session, outDir: options.outDir });
  return { instance, files, subjects: subjects.length, certificateRequests: session.certificateRequests };
}
