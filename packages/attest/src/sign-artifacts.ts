import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SerializedBundle } from "@sigstore/bundle";
import { type ArtifactDigest, assertReadableFiles, formatSha256Sums, nameArtifacts } from "./digest.js";
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

/**
 * Signs each artifact keylessly (bundle beside it), then writes and signs SHA256SUMS. Each artifact is read once:
 * the digest in SHA256SUMS and the signed digest come from the same pass over the same bytes.
 */
export async function signArtifacts(options: SignArtifactsOptions): Promise<SignArtifactsResult> {
  const named = nameArtifacts(options.paths);
  // Every artifact must be readable before the first one is signed: a bad list leaves no log entries behind.
  assertReadableFiles(named.map((a) => a.path));
  const written: string[] = [];
  // Written synchronously, each file in one open/write/close: a bundle is a few KiB, and the promise API's three
  // thread-pool round trips and FileHandle per file cost more CPU than the write itself (~0.1 ms per artifact).
  const write = (path: string, bundle: SerializedBundle): void => {
    writeFileSync(`${path}.sigstore.json`, `${JSON.stringify(bundle)}\n`);
    written.push(`${path}.sigstore.json`);
    if (options.legacy) {
      writeFileSync(`${path}.sig`, `${bundle.messageSignature?.signature ?? ""}\n`);
      writeFileSync(`${path}.pem`, certificatePem(bundle));
      written.push(`${path}.sig`, `${path}.pem`);
    }
  };
  const artifacts = await mapLimit(named, options.concurrency ?? 32, async ({ name, path }) => {
    const { sha256, bundle } = await options.session.signFile(path);
    write(path, bundle);
    return { name, path, sha256 };
  });
  const sums = formatSha256Sums(artifacts);
  const sumsPath = join(options.outDir, "SHA256SUMS");
  writeFileSync(sumsPath, sums);
  written.push(sumsPath);
  // The bytes just written, signed from memory: nothing to read back.
  write(sumsPath, await options.session.signBlob(Buffer.from(sums)));
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
