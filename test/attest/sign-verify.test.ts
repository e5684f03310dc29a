import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type SigningSession, signArtifacts, verifyArtifactBundle } from "@tollgate/attest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { TEST_ISSUER, TEST_REPOSITORY, TEST_SAN } from "../servers/sigstore-token.js";
import { loopbackSession, policy, trustOf, writeArtifacts } from "./helpers.js";

let stack: SigstoreStack;
let other: SigstoreStack;
let session: SigningSession;
const artifact = { name: "widgets-1.2.3.tgz", data: Buffer.from("pretend this is widgets-1.2.3.tgz\n") };
let bundle: Record<string, unknown>;

beforeAll(async () => {
  [stack, other] = await Promise.all([startSigstoreStack(), startSigstoreStack()]);
  session = loopbackSession(stack);
  bundle = (await session.signBlob(artifact.data)) as unknown as Record<string, unknown>;
});
afterAll(async () => Promise.all([stack.close(), other.close()]));

const verify = (overrides: Partial<Parameters<typeof verifyArtifactBundle>[0]> = {}) =>
  verifyArtifactBundle({
    artifact,
    bundle,
    bundleFile: "widgets-1.2.3.tgz.sigstore.json",
    trust: trustOf(stack),
    identity: policy,
    ...overrides,
  });

describe("keyless blob signing against the loopback Sigstore stack", () => {
  it("writes a v0.3 bundle with a certificate, a hashedrekord log entry and a timestamp", () => {
    const material = bundle.verificationMaterial as {
      certificate?: unknown;
      tlogEntries: { kindVersion: { kind: string } }[];
      timestampVerificationData: { rfc3161Timestamps: unknown[] };
    };
    expect(bundle.mediaType).toBe("application/vnd.dev.sigstore.bundle.v0.3+json");
    expect(material.certificate).toBeDefined();
    expect(material.tlogEntries.map((e) => e.kindVersion.kind)).toEqual(["hashedrekord"]);
    expect(material.timestampVerificationData.rfc3161Timestamps).toHaveLength(1);
  });

  it("verifies with the exact SAN, issuer, repository and ref", () => {
    const result = verify({ identity: { ...policy, repository: TEST_REPOSITORY, sourceRef: "refs/tags/v1.2.3" } });
    expect(result.identity).toMatchObject({
      subjectAlternativeName: TEST_SAN,
      issuer: TEST_ISSUER,
      sourceRepositoryUri: "https://github.com/acme/widgets",
      sourceRepositoryRef: "refs/tags/v1.2.3",
    });
  });

  it("verifies a blob bundle logged in Rekor v2 (hashedrekord 0.0.2, time from the TSA)", async () => {
    const v2 = (await loopbackSession(stack, { rekor: 2 }).signBlob(artifact.data)) as unknown as {
      verificationMaterial: { tlogEntries: { kindVersion: { kind: string; version: string } }[] };
    };
    expect(v2.verificationMaterial.tlogEntries[0]?.kindVersion).toEqual({ kind: "hashedrekord", version: "0.0.2" });
    expect(verify({ bundle: v2 }).kind).toBe("message-signature");
  });

  it("verifies with an identity regular expression that matches the whole SAN", () => {
    const regexp = String.raw`https://github\.com/acme/widgets/\.github/workflows/release\.yml@refs/tags/v\d+\.\d+\.\d+`;
    expect(verify({ identity: { certificateIdentityRegExp: regexp, certificateOidcIssuer: TEST_ISSUER } }).kind).toBe(
      "message-signature",
    );
  });

  it("rejects a tampered artifact at the signature check", () => {
    expect(() => verify({ artifact: { ...artifact, data: Buffer.from("evil") } })).toThrow(
      expect.objectContaining({
        code: "VERIFY_SIGNATURE",
        message: expect.stringMatching(/^signature check failed: /),
      }),
    );
  });

  it("rejects another workflow's SAN at the identity check", () => {
    const evil = "https://github.com/acme/widgets/.github/workflows/evil.yml@refs/heads/main";
    expect(() => verify({ identity: { ...policy, certificateIdentity: evil } })).toThrow(
      `identity check failed: the certificate SAN is "${TEST_SAN}", expected "${evil}"`,
    );
  });

  it("rejects a regular expression that matches only part of the SAN", () => {
    expect(() =>
      verify({
        identity: { certificateIdentityRegExp: "https://github\\.com/acme/", certificateOidcIssuer: TEST_ISSUER },
      }),
    ).toThrow(expect.objectContaining({ code: "VERIFY_IDENTITY" }));
  });

  it("rejects another issuer at the issuer check", () => {
    expect(() => verify({ identity: { ...policy, certificateOidcIssuer: "https://accounts.google.com" } })).toThrow(
      `issuer check failed: the certificate's OIDC issuer is "${TEST_ISSUER}", expected "https://accounts.google.com"`,
    );
  });

  it("rejects another source repository at the source repository check", () => {
    expect(() => verify({ identity: { ...policy, repository: "evil/widgets" } })).toThrow(
      'source repository check failed: the certificate says "https://github.com/acme/widgets", expected "https://github.com/evil/widgets"',
    );
  });

  it("rejects another source ref at the source ref check", () => {
    expect(() => verify({ identity: { ...policy, sourceRef: "refs/heads/main" } })).toThrow(
      expect.objectContaining({ code: "VERIFY_SOURCE_REF" }),
    );
  });

  it("rejects a bundle whose log entry was removed", () => {
    const stripped = structuredClone(bundle) as { verificationMaterial: { tlogEntries: unknown[] } };
    stripped.verificationMaterial.tlogEntries = [];
    expect(() => verify({ bundle: stripped })).toThrow(expect.objectContaining({ code: "VERIFY_TLOG" }));
  });

  it("rejects a bundle signed by another instance (its timestamp is the first thing not trusted)", async () => {
    const foreign = await loopbackSession(other).signBlob(artifact.data);
    expect(() => verify({ bundle: foreign })).toThrow(
      expect.objectContaining({
        code: "VERIFY_TIMESTAMP",
        hint: "The bundle was not produced by the instance of this trusted root, or was altered; check --trusted-root.",
      }),
    );
  });

  it("rejects a bundle of another instance at the certificate check when timestamps are not in question", async () => {
    const foreign = await loopbackSession(other, { tsa: false }).signBlob(artifact.data);
    expect(() => verify({ bundle: foreign })).toThrow(expect.objectContaining({ code: "VERIFY_CERTIFICATE" }));
  });

  it("rejects a file that is not a bundle", () => {
    expect(() => verify({ bundle: { mediaType: "nope" } })).toThrow(
      expect.objectContaining({ code: "ATTEST_BAD_BUNDLE" }),
    );
  });
});

describe("signArtifacts", () => {
  it("writes a bundle per artifact, the legacy .sig/.pem pair, and a signed SHA256SUMS", async () => {
    const { dir, paths } = await writeArtifacts({ "b.tgz": "bravo\n", "a.tgz": "alpha\n" });
    const result = await signArtifacts({ paths, session, outDir: dir, legacy: true });
    expect(result.written.map((p) => p.slice(dir.length + 1))).toEqual(
      [
        "SHA256SUMS",
        "SHA256SUMS.sigstore.json",
        "a.tgz.pem",
        "a.tgz.sig",
        "a.tgz.sigstore.json",
        "b.tgz.pem",
        "b.tgz.sig",
        "b.tgz.sigstore.json",
        "SHA256SUMS.pem",
        "SHA256SUMS.sig",
      ].sort(),
    );
    expect(await readFile(join(dir, "SHA256SUMS"), "utf8")).toBe(
      "b6a98d9ce9a2d9149288fa3df42d377c3e42737afdcdaf714e33c0a100b51060  a.tgz\n" +
        "5da8f23decf397b13f4f55b6fb8a61936238bfe08ed9d901132974f1beccc45c  b.tgz\n",
    );
    const sums = await readFile(join(dir, "SHA256SUMS"));
    const sumsBundle = JSON.parse(await readFile(join(dir, "SHA256SUMS.sigstore.json"), "utf8"));
    expect(verify({ artifact: { name: "SHA256SUMS", data: sums }, bundle: sumsBundle }).kind).toBe("message-signature");
    expect(await readFile(join(dir, "a.tgz.pem"), "utf8")).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
    );
  });

  it("asks Fulcio for one certificate however many artifacts it signs", async () => {
    const before = stack.requests.get("/api/v2/signingCert") ?? 0;
    const fresh = loopbackSession(stack);
    const { dir, paths } = await writeArtifacts(
      Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}.bin`, `${i}`])),
    );
    await signArtifacts({ paths, session: fresh, outDir: dir });
    expect((stack.requests.get("/api/v2/signingCert") ?? 0) - before).toBe(1);
    expect(fresh.certificateRequests).toBe(1);
  });
});
