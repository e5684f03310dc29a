import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SerializedBundle } from "@sigstore/bundle";
import { AttestError } from "./attest-error.js";
import { type ArtifactDigest, digestArtifacts, formatSha256Sums, sha256Hex } from "./digest.js";
import { mapLimit } from "./map-limit.js";
import type { SigningSession } from "./signing-session.js";

export interface SignArtifactsOptions {
  paths: readonly string[];
  session: SigningSession;
  /** Where SHA256SUMS and its bundle go. */
  outDir: string;
  /** Also write `<artifact>.sig` (base64 signature) and `<artifact>.pem` (certificate) for older verifiers. */
  legacy?: boolean;
  /** Signing requests in flight; default 32. */
  concurrency?: number;
}

export interface SignArtifactsResult {
  artifacts: ArtifactDigest[];
  /** Every file written, sorted. */
  written: string[];
  sha256sums: string;
}

/** Signs each artifact keylessly (bundle beside it), then writes and signs SHA256SUMS. */
export async function signArtifacts(options: SignArtifactsOptions): Promise<SignArtifactsResult> {
  const artifacts = await digestArtifacts(options.paths);
  const written: string[] = [];
  const sign = async (path: string, expected: string | undefined): Promise<void> => {
    const data = await readFile(path);
    // Sign exactly the bytes we hashed: a file rewritten meanwhile is refused, not signed.
    if (expected !== undefined && sha256Hex(data) !== expected) {
      throw new AttestError("ATTEST_ARTIFACT_CHANGED", `${path} changed between hashing and signing`, {
        location: { file: path },
        hint: "Make sure no other step writes the artifacts while signing; rerun the job.",
      });
    }
    const bundle = await options.session.signBlob(data);
    await writeFile(`${path}.sigstore.json`, `${JSON.stringify(bundle)}\n`);
    written.push(`${path}.sigstore.json`);
    if (options.legacy) {
      await writeFile(`${path}.sig`, `${bundle.messageSignature?.signature ?? ""}\n`);
      await writeFile(`${path}.pem`, certificatePem(bundle));
      written.push(`${path}.sig`, `${path}.pem`);
    }
  };
  await mapLimit(artifacts, options.concurrency ?? 32, (a) => sign(a.path, a.sha256));
  const sums = formatSha256Sums(artifacts);
  const sumsPath = join(options.outDir, "SHA256SUMS");
  await writeFile(sumsPath, sums);
  written.push(sumsPath);
  await sign(sumsPath, sha256Hex(sums));
  return { artifacts, written: written.sort(), sha256sums: sumsPath };
}

/** The signing certificate of a bundle as PEM. */
export function certificatePem(bundle: SerializedBundle): string {
  const raw =
    bundle.verificationMaterial.certificate?.rawBytes ??
    bundle.verificationMaterial.x509CertificateChain?.certificates[0]?.rawBytes ??
    "";
  const lines = raw.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join("\n")}\n-----END CERTIFICATE-----\n`;
}
