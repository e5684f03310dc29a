import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  digestArtifacts,
  githubContextFromClaims,
  provenanceStatement,
  verifierFromTrustedRoot,
  verifyArtifactBundle,
} from "@tollgate/attest";
import { sign as sigstoreSign, verify as sigstoreVerify, type VerifyOptions } from "sigstore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { fakeGitHubToken, githubClaims, TEST_ISSUER, TEST_SAN } from "../servers/sigstore-token.js";
import { startTufRepo, type TufRepo } from "../servers/sigstore-tuf.js";
import { loopbackSession, writeArtifacts } from "./helpers.js";

let stack: SigstoreStack;
let tuf: TufRepo;
let options: VerifyOptions;

beforeAll(async () => {
  stack = await startSigstoreStack();
  tuf = await startTufRepo(stack.trustedRoot);
  const dir = await mkdtemp(join(tmpdir(), "tollgate-tuf-"));
  await writeFile(join(dir, "root.json"), tuf.rootJson);
  options = {
    tufMirrorURL: tuf.url,
    tufRootPath: join(dir, "root.json"),
    tufCachePath: join(dir, "cache"),
    certificateIdentityURI: TEST_SAN,
    certificateIssuer: TEST_ISSUER,
  };
});
afterAll(async () => Promise.all([stack.close(), tuf.close()]));

describe("interoperability with the sigstore npm package's verify", () => {
  it("verifies a blob bundle written by tollgate", async () => {
    const data = Buffer.from("widgets tarball\n");
    const bundle = await loopbackSession(stack).signBlob(data);
    await expect(sigstoreVerify(bundle, data, options)).resolves.toMatchObject({
      identity: { subjectAlternativeName: TEST_SAN },
    });
  });

  it("verifies a provenance attestation written by tollgate", async () => {
    const { paths } = await writeArtifacts({ "widgets-1.2.3.tgz": "widgets tarball\n" });
    const statement = provenanceStatement(await digestArtifacts(paths), githubContextFromClaims(githubClaims()));
    const bundle = await loopbackSession(stack, { rekor: 2 }).signStatement(statement);
    await expect(sigstoreVerify(bundle, options)).resolves.toMatchObject({
      identity: { extensions: { issuer: TEST_ISSUER } },
    });
  });

  it("rejects, like tollgate, a blob bundle for other bytes", async () => {
    const bundle = await loopbackSession(stack).signBlob(Buffer.from("original\n"));
    await expect(sigstoreVerify(bundle, Buffer.from("tampered\n"), options)).rejects.toMatchObject({
      code: "SIGNATURE_ERROR",
    });
  });

  it("and tollgate verifies a bundle the sigstore package signed", async () => {
    const data = Buffer.from("signed by the reference client\n");
    const bundle = await sigstoreSign(data, {
      fulcioURL: stack.url,
      rekorURL: stack.url,
      identityToken: fakeGitHubToken(),
      retry: 0,
    });
    const result = verifyArtifactBundle({
      artifact: { name: "x", data },
      bundle,
      bundleFile: "reference.sigstore.json",
      trust: verifierFromTrustedRoot(stack.trustedRoot),
      identity: { certificateIdentity: TEST_SAN, certificateOidcIssuer: TEST_ISSUER, repository: "acme/widgets" },
    });
    expect(result.kind).toBe("message-signature");
  });
});
