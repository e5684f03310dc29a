import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { verifyArtifactBundle } from "@tollgate/attest";
import { run } from "@tollgate/cli";
import { type GateStage, runReleaseGate, signingStages } from "@tollgate/gate";
import { createGitHubClient, publishReleaseAssets, uploadAttestation } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackInstance, trustOf } from "../attest/helpers.js";
import { leakedGitHubToken, prepareSampleRelease } from "../gate/sample-release.js";
import { type FakeGitHub, startFakeGitHub } from "../servers/github-api.js";
import { type OsvServer, readRecords, startOsvServer } from "../servers/osv-server.js";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { fakeGitHubToken, TEST_ISSUER, TEST_REPOSITORY, TEST_SAN } from "../servers/sigstore-token.js";

let osv: OsvServer;
let stack: SigstoreStack;
let github: FakeGitHub;
const TAG = "v1.2.3";
const [owner, repo] = TEST_REPOSITORY.split("/") as [string, string];

beforeAll(async () => {
  [osv, stack, github] = await Promise.all([
    startOsvServer(readRecords(new URL("../fixtures/advisories/", import.meta.url).pathname)),
    startSigstoreStack(),
    startFakeGitHub(),
  ]);
  github.addRepo(TEST_REPOSITORY);
});
afterAll(async () => Promise.all([osv.close(), stack.close(), github.close()]));

/** Sign and attest (signingStages, as the CLI and the root action do), then publish to the fake GitHub. */
function releaseStages(evidence: string): Parameters<typeof runReleaseGate>[0]["release"] {
  const gh = createGitHubClient({
    http: createHttpClient({ allowOnly: ["127.0.0.1"] }),
    baseUrl: github.apiUrl,
    uploadsUrl: github.uploadsUrl,
    token: "test-token",
  });
  const written: string[] = [];
  const signing = signingStages({
    instance: loopbackInstance(stack),
    getToken: async () => fakeGitHubToken(),
    outDir: evidence,
    verifierId: "https://github.com/tollgate-dev/tollgate/actions/gate@v0.1.0",
    resourceUri: `git+https://github.com/${TEST_REPOSITORY}@refs/tags/${TAG}`,
    policyUri: `https://github.com/${TEST_REPOSITORY}/blob/${TAG}/tollgate.yml`,
    onWritten: (files) => written.push(...files),
  });
  return (context): GateStage[] => [
    ...signing(context),
    {
      name: "publish",
      title: "Publish",
      run: async () => {
        for (const file of written.filter((f) => f.endsWith(".intoto.jsonl"))) {
          for (const line of (await readFile(file, "utf8")).trim().split("\n")) {
            await uploadAttestation(gh, { owner, repo }, JSON.parse(line));
          }
        }
        const files = [...context.artifacts, ...written, context.recordFile, ...context.sbomFiles].map((path) => ({
          path,
        }));
        const result = await publishReleaseAssets(gh, { owner, repo }, TAG, files);
        return {
          name: "publish",
          title: "Publish",
          verdict: "pass",
          counts: { assets: result.uploaded.length },
          findings: [],
        };
      },
    },
  ];
}

async function gate(inject: Parameters<typeof prepareSampleRelease>[0]) {
  const sample = await prepareSampleRelease(inject);
  const evidence = join(sample.dir, "evidence");
  const outcome = await runReleaseGate({
    path: sample.dir,
    artifacts: sample.artifacts,
    cwd: sample.dir,
    outputDir: "evidence",
    osvUrl: osv.url,
    http: createHttpClient({ allowOnly: ["127.0.0.1"] }),
    toolVersion: "0.1.0",
    env: { SOURCE_DATE_EPOCH: "1767225600" },
    release: releaseStages(evidence),
  });
  return { sample, evidence, outcome };
}

function release() {
  return github.repos.get(TEST_REPOSITORY)?.releases.find((r) => r.tag_name === TAG);
}

describe("the whole gate on a sample release (loopback OSV, Sigstore and GitHub)", () => {
  it("blocks a release with a leaked token, a vulnerable dependency and a denied license: nothing signed or published", async () => {
    const token = leakedGitHubToken(11);
    const fulcioBefore = stack.requests.get("/api/v2/signingCert") ?? 0;
    const { outcome } = await gate({ leakedToken: token, vulnerableDependency: true, deniedLicense: true });
    const verdicts = Object.fromEntries(outcome.results.map((r) => [r.name, r.verdict]));
    expect(verdicts).toEqual({
      sbom: "pass",
      advisories: "fail",
      policy: "fail",
      secrets: "fail",
      sign: "skipped",
      attest: "skipped",
      publish: "skipped",
    });
    const findings = outcome.results.flatMap((r) => r.findings).join("\n");
    expect(findings).toContain("lodash@4.17.20");
    expect(findings).toContain("LGPL-3.0-or-later");
    expect(findings).toContain(`github-pat ${token.slice(0, 3)}***${token.slice(-3)}`);
    expect(outcome.summary).not.toContain(token);
    expect(stack.requests.get("/api/v2/signingCert") ?? 0).toBe(fulcioBefore);
    expect(release()).toBeUndefined();
    expect(github.repos.get(TEST_REPOSITORY)?.attestations).toEqual([]);
  });

  it("releases a clean sample: signed, attested, published, and verifiable with tollgate verify", async () => {
    const { sample, evidence, outcome } = await gate({});
    expect(outcome.results.map((r) => [r.name, r.verdict])).toEqual([
      ["sbom", "pass"],
      ["advisories", "pass"],
      ["policy", "pass"],
      ["secrets", "pass"],
      ["sign", "pass"],
      ["attest", "pass"],
      ["publish", "pass"],
    ]);
    expect(outcome.record.egress.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual(["POST /v1/querybatch 200"]);
    const assets = (release()?.assets ?? []).map((a) => a.name).sort();
    expect(assets).toEqual([
      "SHA256SUMS",
      "SHA256SUMS.sigstore.json",
      "provenance.intoto.jsonl",
      "sample-release-1.0.0.tgz",
      "sample-release-1.0.0.tgz.sigstore.json",
      "sample_release-1.0.0-py3-none-any.whl",
      "sample_release-1.0.0-py3-none-any.whl.sigstore.json",
      "sbom.cdx.intoto.jsonl",
      "sbom.cdx.json",
      "sbom.spdx.intoto.jsonl",
      "sbom.spdx.json",
      "tollgate-record.json",
      "verification-summary.intoto.jsonl",
    ]);
    expect(github.repos.get(TEST_REPOSITORY)?.attestations).toHaveLength(4);

    // A consumer verifies the artifact's signature with the CLI, offline against the trusted root.
    const root = join(sample.dir, "trusted_root.json");
    await writeFile(root, JSON.stringify(stack.trustedRoot));
    const tgz = sample.artifacts[0] as string;
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      cwd: sample.dir,
      env: {},
      isTTY: false,
    };
    const args = ["--certificate-identity", TEST_SAN, "--certificate-oidc-issuer", TEST_ISSUER, "--trusted-root", root];
    expect(
      await run(["verify", tgz, "--bundle", `${tgz}.sigstore.json`, ...args, "--repository", TEST_REPOSITORY], io),
    ).toBe(0);
    // ... and that it passed the gate: the verification summary is signed over the same artifact.
    const vsaLine = (await readFile(join(evidence, "verification-summary.intoto.jsonl"), "utf8"))
      .trim()
      .split("\n")[0] as string;
    const verified = verifyArtifactBundle({
      artifact: { name: basename(tgz), data: await readFile(tgz) },
      bundle: JSON.parse(vsaLine),
      bundleFile: "verification-summary.intoto.jsonl",
      trust: trustOf(stack),
      identity: { certificateIdentity: TEST_SAN, certificateOidcIssuer: TEST_ISSUER },
    });
    expect(verified.statement?.predicate).toMatchObject({
      verificationResult: "PASSED",
      policy: { digest: { sha256: outcome.record.policy.sha256 } },
    });
  });
});
