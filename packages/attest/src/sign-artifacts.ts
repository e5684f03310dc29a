import { writeFile } from "node:fs";
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
  const write = async (path: string, bundle: SerializedBundle): Promise<void> => {
    await writeText(`${path}.sigstore.json`, `${JSON.stringify(bundle)}\n`);
    written.push(`${path}.sigstore.json`);
    if (options.legacy) {
      await writeText(`${path}.sig`, `${bundle.messageSignature?.signature ?? ""}\n`);
      await writeText(`${path}.pem`, certificatePem(bundle));
      written.push(`${path}.sig`, `${path}.pem`);
    }
  };
  const artifacts = await mapLimit(named, options.concurrency ?? 32, async ({ name, path }) => {
    const { sha256, bundle } = await options.session.signFile(path);
    await write(path, bundle);
    return { name, path, sha256 };
  });
  const sums = formatSha256Sums(artifacts);
  const sumsPath = join(options.outDir, "SHA256SUMS");
  await writeText(sumsPath, sums);
  written.push(sumsPath);
  // The bytes just written, signed from memory: nothing to read back.
  await write(sumsPath, await options.session.signBlob(Buffer.from(sums)));
  return { artifacts, written: written.sort(), sha256sums: sumsPath };
}

/**
 * Writes a file off the main thread through fs's callback API: half the main-thread CPU of fs/promises (no
 * FileHandle, no promise per step), and the kernel's work of creating the file (20 µs to 0.8 ms on a busy ext4
 * disk) stays on the thread pool, in parallel with signing, instead of blocking the event loop as a sync write would.
 */
export function writeText(path: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => writeFile(path, text, (error) => (error ? reject(error) : resolve())));
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
