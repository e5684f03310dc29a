import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createSigningSession,
  type SigningSession,
  type SigstoreInstance,
  verifierFromTrustedRoot,
} from "@tollgate/attest";
import type { SigstoreStack } from "../servers/sigstore.js";
import { fakeGitHubToken, TEST_ISSUER, TEST_SAN } from "../servers/sigstore-token.js";

/** The loopback instance: Fulcio, Rekor v1 (or v2) and the TSA of the stack. */
export function loopbackInstance(
  stack: SigstoreStack,
  options: { rekor?: 1 | 2 | false; tsa?: boolean } = {},
): SigstoreInstance {
  const rekor = options.rekor ?? 1;
  return {
    name: "custom",
    fulcioUrl: stack.url,
    ...(rekor === 1 ? { rekorUrl: stack.url, rekorVersion: 1 as const } : {}),
    ...(rekor === 2 ? { rekorUrl: stack.urlV2, rekorVersion: 2 as const } : {}),
    ...(options.tsa === false ? {} : { tsaUrl: stack.url }),
  };
}

/** A session signing as the test workflow of acme/widgets, with fast retries. */
export function loopbackSession(
  stack: SigstoreStack,
  options: { rekor?: 1 | 2 | false; tsa?: boolean; claims?: Record<string, string> } = {},
): SigningSession {
  return createSigningSession({
    instance: loopbackInstance(stack, options),
    getToken: async () => fakeGitHubToken(options.claims),
    retries: 1,
    timeoutMs: 5_000,
  });
}

export const policy = { certificateIdentity: TEST_SAN, certificateOidcIssuer: TEST_ISSUER };

/** The verifier of the stack's trusted root. */
export function trustOf(stack: SigstoreStack) {
  return verifierFromTrustedRoot(stack.trustedRoot);
}

/** Writes files into a fresh temporary directory and returns their paths. */
export async function writeArtifacts(files: Record<string, string>): Promise<{ dir: string; paths: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-attest-"));
  const paths: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(dir, name), content);
    paths.push(join(dir, name));
  }
  return { dir, paths };
}
