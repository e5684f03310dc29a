import { createSigningSession, verifierFromTrustedRoot, verifyArtifactBundle } from "@tollgate/attest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULCIO_PATH, REKOR_V1_PATH } from "./sigstore.js";
import { type SigstoreStackProcess, startSigstoreStackProcess } from "./sigstore-process.js";
import { fakeGitHubToken, TEST_ISSUER, TEST_SAN } from "./sigstore-token.js";

let stack: SigstoreStackProcess;
beforeAll(async () => {
  stack = await startSigstoreStackProcess();
});
afterAll(async () => stack.close());

describe("the loopback Sigstore stack in its own process", () => {
  it("signs into a bundle that verifies against the trusted root it reports, and counts the requests", async () => {
    const session = createSigningSession({
      instance: { name: "custom", fulcioUrl: stack.url, rekorUrl: stack.url, rekorVersion: 1 },
      getToken: async () => fakeGitHubToken(),
    });
    const data = Buffer.from("widgets\n");
    const bundle = await session.signBlob(data);
    const result = verifyArtifactBundle({
      artifact: { name: "widgets", data },
      bundle: bundle as unknown as Record<string, unknown>,
      bundleFile: "widgets.sigstore.json",
      trust: verifierFromTrustedRoot(stack.trustedRoot),
      identity: { certificateIdentity: TEST_SAN, certificateOidcIssuer: TEST_ISSUER },
    });
    expect(result.kind).toBe("message-signature");
    const { requests, cpuMs } = await stack.requests();
    expect([requests.get(FULCIO_PATH), requests.get(REKOR_V1_PATH)]).toEqual([1, 1]);
    expect(cpuMs).toBeGreaterThan(0);
  });
});
