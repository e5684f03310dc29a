import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SigstoreStack, startSigstoreStack } from "../../../../test/servers/sigstore.js";
import { fakeGitHubToken, TEST_ISSUER, TEST_SAN } from "../../../../test/servers/sigstore-token.js";
import { runCli } from "../__tests__/run-cli.js";

let stack: SigstoreStack;
let dir: string;

beforeAll(async () => {
  stack = await startSigstoreStack();
  dir = await mkdtemp(join(tmpdir(), "tollgate-cli-sign-"));
  await writeFile(join(dir, "widgets-1.2.3.tgz"), "widgets tarball\n");
  await writeFile(join(dir, "widgets-1.2.3.zip"), "widgets zip\n");
  await writeFile(join(dir, "trusted_root.json"), JSON.stringify(stack.trustedRoot));
  await writeFile(
    join(dir, "sbom.cdx.json"),
    JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.6", components: [] }),
  );
});
afterAll(async () => stack.close());

async function tollgate(args: string[], env: NodeJS.ProcessEnv = { SIGSTORE_ID_TOKEN: fakeGitHubToken() }) {
  return runCli(args, dir, env);
}

const instance = () => [
  "--instance",
  "custom",
  "--fulcio-url",
  stack.url,
  "--rekor-url",
  stack.url,
  "--tsa-url",
  stack.url,
  "--allow-host",
  "127.0.0.1",
];
const policy = [
  "--certificate-identity",
  TEST_SAN,
  "--certificate-oidc-issuer",
  TEST_ISSUER,
  "--trusted-root",
  "trusted_root.json",
];

describe("tollgate sign / attest / verify", () => {
  it("signs artifacts and verifies one with its bundle", async () => {
    const signed = await tollgate(["sign", "widgets-1.2.3.tgz", "widgets-1.2.3.zip", ...instance()]);
    expect(signed.stderr).toContain(`tollgate: signer identity ${TEST_SAN} (issuer ${TEST_ISSUER})\n`);
    expect(signed.code).toBe(0);
    const verified = await tollgate([
      "verify",
      "widgets-1.2.3.tgz",
      "--bundle",
      "widgets-1.2.3.tgz.sigstore.json",
      ...policy,
      "--repository",
      "acme/widgets",
    ]);
    expect(verified).toEqual({
      code: 0,
      stdout: `tollgate: verified widgets-1.2.3.tgz: signature by ${TEST_SAN} (issuer ${TEST_ISSUER})\n`,
      stderr: "",
    });
    expect(await readFile(join(dir, "SHA256SUMS"), "utf8")).toMatch(
      / {2}widgets-1\.2\.3\.tgz\n[0-9a-f]{64} {2}widgets-1\.2\.3\.zip\n$/,
    );
  });

  it("exits 1 naming the check when the identity does not match", async () => {
    await tollgate(["sign", "widgets-1.2.3.tgz", ...instance()]);
    const result = await tollgate([
      "verify",
      "widgets-1.2.3.tgz",
      "--bundle",
      "widgets-1.2.3.tgz.sigstore.json",
      ...policy,
      "--repository",
      "evil/widgets",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^tollgate: verification of widgets-1\.2\.3\.tgz failed: source repository check failed: the certificate says "https:\/\/github\.com\/acme\/widgets", expected "https:\/\/github\.com\/evil\/widgets"/,
    );
  });

  it("attests provenance and an SBOM, and verifies the artifact against the provenance", async () => {
    const attested = await tollgate([
      "attest",
      "widgets-1.2.3.tgz",
      "widgets-1.2.3.zip",
      "--sbom",
      "sbom.cdx.json",
      ...instance(),
    ]);
    expect(attested.code).toBe(0);
    expect(attested.stderr).toContain(
      "tollgate: wrote provenance.intoto.jsonl (https://slsa.dev/provenance/v1, 1 bundle(s))\n",
    );
    expect(attested.stderr).toContain(
      "tollgate: wrote sbom.cdx.intoto.jsonl (https://cyclonedx.org/bom, 1 bundle(s))\n",
    );
    const verified = await tollgate([
      "verify",
      "widgets-1.2.3.zip",
      "--bundle",
      "provenance.intoto.jsonl",
      ...policy,
      "--builder-id",
      TEST_SAN,
    ]);
    expect(verified.stdout).toBe(
      `tollgate: verified widgets-1.2.3.zip: attestation https://slsa.dev/provenance/v1 by ${TEST_SAN} (issuer ${TEST_ISSUER})\n`,
    );
  });

  it("exits 1 at the subject digest check for an artifact the provenance does not list", async () => {
    await writeFile(join(dir, "other.bin"), "not released\n");
    const result = await tollgate(["verify", "other.bin", "--bundle", "provenance.intoto.jsonl", ...policy]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /failed: provenance\.intoto\.jsonl: subject digest check failed: no subject of provenance\.intoto\.jsonl has sha256 /,
    );
  });

  it("exits 2 saying which permission to add when there is no OIDC token", async () => {
    const result = await tollgate(["sign", "widgets-1.2.3.tgz", ...instance()], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("hint: Add `permissions: id-token: write` to the job");
  });

  it("exits 2 when a Sigstore host is not on the allow-list", async () => {
    const result = await tollgate([
      "sign",
      "widgets-1.2.3.tgz",
      "--instance",
      "custom",
      "--fulcio-url",
      stack.url,
      "--tsa-url",
      stack.url,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "sigstore service host 127.0.0.1 is not on the network allow-list [ATTEST_HOST_NOT_ALLOWED]",
    );
  });

  it("exits 2 when neither identity flag is given", async () => {
    const result = await tollgate([
      "verify",
      "widgets-1.2.3.tgz",
      "--bundle",
      "widgets-1.2.3.tgz.sigstore.json",
      "--certificate-oidc-issuer",
      TEST_ISSUER,
      "--trusted-root",
      "trusted_root.json",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("give exactly one of --certificate-identity and --certificate-identity-regexp");
  });
});
