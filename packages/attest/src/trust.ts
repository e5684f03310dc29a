import { readFile } from "node:fs/promises";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { getTrustedRoot } from "@sigstore/tuf";
import { toTrustMaterial, Verifier } from "@sigstore/verify";
import { AttestError } from "./attest-error.js";

/** A verifier bound to one trusted root, with thresholds derived from what that root contains. */
export interface TrustedVerifier {
  verifier: Verifier;
  /** True when the root lists a transparency log, so every bundle must carry a log entry. */
  requiresTlog: boolean;
}

/** Builds the verifier from trusted_root.json content: a log entry (and SCT) is required whenever the root has a log. */
export function verifierFromTrustedRoot(json: unknown, source = "trusted root"): TrustedVerifier {
  let root: TrustedRoot;
  try {
    root = TrustedRoot.fromJSON(json);
  } catch (cause) {
    throw new AttestError(
      "ATTEST_BAD_TRUSTED_ROOT",
      `${source} is not a Sigstore trusted root: ${(cause as Error).message}`,
      {
        location: { file: source },
        cause,
        hint: "Pass a trusted_root.json as written by `cosign trusted-root create` or `gh attestation trusted-root`.",
      },
    );
  }
  if (root.certificateAuthorities.length === 0) {
    throw new AttestError("ATTEST_BAD_TRUSTED_ROOT", `${source} lists no certificate authority`, {
      location: { file: source },
      hint: "Use the trusted root of the instance that signed the bundle.",
    });
  }
  const requiresTlog = root.tlogs.length > 0;
  const verifier = new Verifier(toTrustMaterial(root), {
    tlogThreshold: requiresTlog ? 1 : 0,
    ctlogThreshold: root.ctlogs.length > 0 ? 1 : 0,
    timestampThreshold: 1,
  });
  return { verifier, requiresTlog };
}

/** Reads a trusted_root.json file (offline verification). */
export async function verifierFromFile(path: string): Promise<TrustedVerifier> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new AttestError("ATTEST_BAD_TRUSTED_ROOT", `cannot read ${path}: ${(cause as Error).message}`, {
      location: { file: path },
      cause,
      hint: "Check the --trusted-root path.",
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AttestError("ATTEST_BAD_TRUSTED_ROOT", `${path} is not JSON`, {
      location: { file: path },
      cause,
      hint: "Pass a trusted_root.json file.",
    });
  }
  return verifierFromTrustedRoot(json, path);
}

/**
 * Fetches the public-good trusted root through Sigstore's TUF repository (signed metadata, cached in cachePath).
 * @sigstore/tuf fetches on its own, so the mirror's host is checked against `isAllowed` (the egress allow-list) first.
 */
export async function verifierFromTuf(
  options: { cachePath?: string; mirrorURL?: string; isAllowed?: (host: string) => boolean } = {},
): Promise<TrustedVerifier> {
  const mirror = new URL(options.mirrorURL ?? "https://tuf-repo-cdn.sigstore.dev");
  if (options.isAllowed && !options.isAllowed(mirror.hostname)) {
    throw new AttestError(
      "ATTEST_HOST_NOT_ALLOWED",
      `TUF mirror host ${mirror.hostname} is not on the network allow-list`,
      {
        hint: `Add "${mirror.hostname}" to network.allow, or pass --trusted-root FILE to verify offline.`,
      },
    );
  }
  try {
    const root = await getTrustedRoot({
      ...(options.cachePath ? { cachePath: options.cachePath } : {}),
      ...(options.mirrorURL ? { mirrorURL: options.mirrorURL } : {}),
    });
    return verifierFromTrustedRoot(TrustedRoot.toJSON(root), "TUF trusted root");
  } catch (cause) {
    if (cause instanceof AttestError) throw cause;
    throw new AttestError(
      "ATTEST_BAD_TRUSTED_ROOT",
      `cannot fetch the trusted root over TUF: ${(cause as Error).message}`,
      {
        cause,
        hint: "Check access to tuf-repo-cdn.sigstore.dev, or pass --trusted-root FILE to verify offline.",
      },
    );
  }
}
