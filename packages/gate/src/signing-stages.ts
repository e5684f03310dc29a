import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { attestRelease, createSigningSession, type SigstoreInstance, signArtifacts } from "@tollgate/attest";
import type { ReleaseContext } from "./release-gate.js";
import type { GateStage } from "./run-gate.js";
import { verificationSummaryOf } from "./verification-summary.js";

export interface SigningStagesOptions {
  /** The Sigstore instance (public-good, GitHub's, or a custom one). */
  instance: SigstoreInstance;
  /** The OIDC identity token for audience `sigstore`. */
  getToken: () => Promise<string | undefined>;
  /** Where bundles, SHA256SUMS and `*.intoto.jsonl` go. */
  outDir: string;
  /** Verification-summary fields that depend on where the gate ran (see VerificationSummaryOptions). */
  verifierId: string;
  resourceUri: string;
  policyUri: string;
  /** GitHub's server URL, for the provenance's builder and source URIs. */
  serverUrl?: string;
  /** Receives every file written, so a publish stage can attach them. */
  onWritten?: (files: string[]) => void;
}

/**
 * The release stages that sign: a Sigstore bundle per artifact and a signed SHA256SUMS, then one
 * attestation per predicate over all artifacts — SLSA provenance, each SBOM, and the gate record's
 * verification summary.
 */
export function signingStages(options: SigningStagesOptions): (context: ReleaseContext) => GateStage[] {
  return (context) => [
    {
      name: "sign",
      title: "Sign (Sigstore)",
      run: async () => {
        const session = createSigningSession({ instance: options.instance, getToken: options.getToken });
        const result = await signArtifacts({ paths: context.artifacts, session, outDir: options.outDir });
        options.onWritten?.(result.written);
        return {
          name: "sign",
          title: "Sign (Sigstore)",
          verdict: "pass",
          counts: { artifacts: result.artifacts.length, files: result.written.length },
          findings: [],
          note: `signed with the ${options.instance.name} instance`,
        };
      },
    },
    {
      name: "attest",
      title: "Attest (provenance, SBOMs, verification summary)",
      run: async () => {
        const record = await readFile(context.recordFile);
        const result = await attestRelease({
          paths: context.artifacts,
          sbomPaths: context.sbomFiles,
          outDir: options.outDir,
          instance: () => options.instance,
          getToken: options.getToken,
          ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
          extraPredicates: [
            verificationSummaryOf(context.record, {
              verifierId: options.verifierId,
              resourceUri: options.resourceUri,
              policyUri: options.policyUri,
              recordUri: basename(context.recordFile),
              recordSha256: createHash("sha256").update(record).digest("hex"),
            }),
          ],
        });
        options.onWritten?.(result.files.map((f) => f.path));
        return {
          name: "attest",
          title: "Attest (provenance, SBOMs, verification summary)",
          verdict: "pass",
          counts: { attestations: result.files.length, subjects: result.subjects },
          findings: result.files.map((f) => `${basename(f.path)} (${f.predicateType})`),
        };
      },
    },
  ];
}
