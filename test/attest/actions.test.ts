import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../servers/github-api.js";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { fakeGitHubToken, TEST_ISSUER, TEST_SAN } from "../servers/sigstore-token.js";

/** The bundled actions (dist/, as committed) run as the runner runs them: node, INPUT_* env, GITHUB_OUTPUT. */
const root = new URL("../../", import.meta.url).pathname;
let stack: SigstoreStack;
let gh: FakeGitHub;
let tokenServer: Server;
let tokenUrl: string;
let dir: string;

beforeAll(async () => {
  [stack, gh] = await Promise.all([startSigstoreStack(), startFakeGitHub()]);
  gh.addRepo("acme/widgets", { attestationsEnabled: false });
  // The runner's OIDC endpoint: GET <url>&audience=sigstore with the request token as bearer.
  tokenServer = createServer((req, res) => {
    const audience = new URL(req.url ?? "/", "http://x").searchParams.get("audience");
    if (req.headers.authorization !== "Bearer runner-request-token" || audience !== "sigstore")
      res.writeHead(403).end();
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ value: fakeGitHubToken() }));
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, "127.0.0.1", resolve));
  tokenUrl = `http://127.0.0.1:${(tokenServer.address() as { port: number }).port}/token?api-version=2.0`;
  dir = await mkdtemp(join(tmpdir(), "tollgate-actions-"));
  await writeFile(join(dir, "widgets-1.2.3.tgz"), "widgets tarball\n");
  await writeFile(join(dir, "trusted_root.json"), JSON.stringify(stack.trustedRoot));
});
afterAll(async () => {
  await Promise.all([stack.close(), gh.close(), new Promise((resolve) => tokenServer.close(resolve))]);
});

async function runAction(name: string, inputs: Record<string, string>, withToken = true) {
  const output = join(dir, `${name}-output.txt`);
  await writeFile(output, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: dir,
    GITHUB_OUTPUT: output,
    GITHUB_REPOSITORY: "acme/widgets",
    GITHUB_API_URL: gh.apiUrl,
    ...(withToken
      ? { ACTIONS_ID_TOKEN_REQUEST_URL: tokenUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "runner-request-token" }
      : {}),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  const child = spawn(process.execPath, [join(root, "actions", name, "dist", "index.js")], { env, cwd: dir });
  let stdout = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stdout, outputs: await readFile(output, "utf8") };
}

const instance = () => ({
  instance: "custom",
  "fulcio-url": stack.url,
  "rekor-url": stack.url,
  "tsa-url": stack.url,
  "allow-hosts": "127.0.0.1",
  "github-token": "ghs_actiontoken",
  overwrite: "false",
});

describe("the bundled actions", () => {
  it("sign: signs with the runner's OIDC token and attaches bundles to a new draft release, never logging the token", async () => {
    const result = await runAction("sign", {
      ...instance(),
      artifacts: "*.tgz",
      "legacy-signatures": "false",
      "release-tag": "v1.2.3",
      "upload-artifacts": "true",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("attached 4 file(s) to release v1.2.3 (created as a draft)");
    // The token appears only in ::add-mask:: commands, which the runner consumes and never prints.
    const claims = fakeGitHubToken().split(".")[1]?.slice(0, 40) ?? "";
    const leaks = result.stdout.split("\n").filter((l) => l.includes(claims) && !l.startsWith("::add-mask::"));
    expect(leaks).toEqual([]);
    expect(result.stdout).not.toContain("ghs_actiontoken");
    const release = gh.repos.get("acme/widgets")?.releases[0];
    expect(release?.assets.map((a) => a.name).sort()).toEqual([
      "SHA256SUMS",
      "SHA256SUMS.sigstore.json",
      "widgets-1.2.3.tgz",
      "widgets-1.2.3.tgz.sigstore.json",
    ]);
  });

  it("attest: warns when the attestations API answers 404 and still attaches the attestations to the release", async () => {
    const result = await runAction("attest", {
      ...instance(),
      artifacts: "*.tgz",
      sbom: "",
      provenance: "true",
      "push-to-github": "true",
      "release-tag": "v1.2.3",
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("::warning::GitHub's attestations API is not available for acme/widgets (404)");
    expect(gh.repos.get("acme/widgets")?.releases[0]?.assets.map((a) => a.name)).toContain("provenance.intoto.jsonl");
  });

  it("verify: passes for the signed artifact and fails naming the check for another identity", async () => {
    const base = {
      artifact: "widgets-1.2.3.tgz",
      bundle: "provenance.intoto.jsonl",
      "trusted-root": "trusted_root.json",
      "certificate-oidc-issuer": TEST_ISSUER,
    };
    const ok = await runAction("verify", { ...base, "certificate-identity": TEST_SAN, repository: "acme/widgets" });
    expect(ok.code).toBe(0);
    expect(ok.outputs).toContain(TEST_SAN);
    const bad = await runAction("verify", { ...base, "certificate-identity-regexp": "https://github\\.com/evil/.*" });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("::error::identity check failed: the certificate SAN");
  });

  it("sign: fails saying which permission to add when the job cannot mint an OIDC token", async () => {
    const result = await runAction(
      "sign",
      {
        ...instance(),
        artifacts: "*.tgz",
        "legacy-signatures": "false",
        "release-tag": "",
        "upload-artifacts": "false",
      },
      false,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Add `permissions: id-token: write` to the job");
  });
});
