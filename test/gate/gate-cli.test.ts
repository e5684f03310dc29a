import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../packages/cli/src/__tests__/run-cli.js";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { fakeGitHubToken, TEST_ISSUER, TEST_SAN } from "../servers/sigstore-token.js";
import { leakedGitHubToken, offlineDatabase, prepareSampleRelease } from "./sample-release.js";

let stack: SigstoreStack;
beforeAll(async () => {
  stack = await startSigstoreStack();
});
afterAll(async () => stack.close());

function tollgate(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCli(args, cwd, { SOURCE_DATE_EPOCH: "1767225600", ...env });
}

const loopback = () => [
  "--instance",
  "custom",
  "--fulcio-url",
  stack.url,
  "--rekor-url",
  stack.url,
  "--rekor-version",
  "1",
  "--tsa-url",
  stack.url,
  "--allow-host",
  "127.0.0.1",
];

describe("tollgate gate", () => {
  it("checks locally and says that it did not sign", async () => {
    const sample = await prepareSampleRelease();
    const result = await tollgate(sample.dir, [
      "gate",
      ".",
      "--artifacts",
      "dist/*",
      "--offline",
      "--db",
      await offlineDatabase(),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("## ✅ Tollgate: release allowed");
    expect(result.stderr).toContain("signing skipped: pass --sign with an OIDC token");
    expect(existsSync(join(sample.dir, "tollgate-evidence", "tollgate-record.json"))).toBe(true);
  });

  it("with --sign and an identity token, signs and attests a passing release that tollgate verify accepts", async () => {
    const sample = await prepareSampleRelease();
    const db = await offlineDatabase();
    const args = ["gate", ".", "--artifacts", "dist/*", "--offline", "--db", db, "--sign", ...loopback()];
    const result = await tollgate(sample.dir, args, { SIGSTORE_ID_TOKEN: fakeGitHubToken() });
    expect(result.stderr).not.toContain("signing skipped");
    expect(result.code).toBe(0);
    const evidence = join(sample.dir, "tollgate-evidence");
    for (const file of ["SHA256SUMS", "provenance.intoto.jsonl", "verification-summary.intoto.jsonl"]) {
      expect(existsSync(join(evidence, file)), file).toBe(true);
    }
    const root = join(sample.dir, "trusted_root.json");
    await writeFile(root, JSON.stringify(stack.trustedRoot));
    const tgz = sample.artifacts[0] as string;
    const verify = await tollgate(sample.dir, [
      "verify",
      tgz,
      "--bundle",
      join(evidence, "verification-summary.intoto.jsonl"),
      "--certificate-identity",
      TEST_SAN,
      "--certificate-oidc-issuer",
      TEST_ISSUER,
      "--trusted-root",
      root,
    ]);
    expect(verify.stderr).toBe("");
    expect(verify.code).toBe(0);
  });

  it("exits 1 on a failed check and signs nothing, even with --sign", async () => {
    const sample = await prepareSampleRelease({ leakedToken: leakedGitHubToken(3) });
    const before = stack.requests.get("/api/v2/signingCert") ?? 0;
    const args = [
      "gate",
      ".",
      "--artifacts",
      "dist/*",
      "--offline",
      "--db",
      await offlineDatabase(),
      "--sign",
      ...loopback(),
    ];
    const result = await tollgate(sample.dir, args, { SIGSTORE_ID_TOKEN: fakeGitHubToken() });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe("## ❌ Tollgate: release blocked by Secrets in artifacts");
    expect(stack.requests.get("/api/v2/signingCert") ?? 0).toBe(before);
    expect(existsSync(join(sample.dir, "tollgate-evidence", "SHA256SUMS"))).toBe(false);
  });
});
