import { readFile } from "node:fs/promises";
import {
  attestArtifacts,
  digestArtifacts,
  githubContextFromClaims,
  provenanceStatement,
  type SigningSession,
  SLSA_PROVENANCE_V1,
  verifierFromTrustedRoot,
  verifyArtifactBundle,
} from "@tollgate/attest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { githubClaims, TEST_REPOSITORY, TEST_SAN } from "../servers/sigstore-token.js";
import { loopbackSession, policy, trustOf, writeArtifacts } from "./helpers.js";

let stack: SigstoreStack;
let session: SigningSession;
const tgz = { name: "widgets-1.2.3.tgz", data: Buffer.from("widgets tarball\n") };
const context = githubContextFromClaims(githubClaims());

beforeAll(async () => {
  stack = await startSigstoreStack();
  session = loopbackSession(stack);
});
afterAll(async () => stack.close());

async function provenanceBundle(s: SigningSession): Promise<Record<string, unknown>> {
  const { paths } = await writeArtifacts({ [tgz.name]: tgz.data.toString(), "widgets-1.2.3.zip": "zip\n" });
  const subjects = await digestArtifacts(paths);
  return (await s.signStatement(provenanceStatement(subjects, context))) as unknown as Record<string, unknown>;
}

const provenancePolicy = { builderId: TEST_SAN, repository: TEST_REPOSITORY };

describe("provenance attestations (DSSE) against the loopback stack", () => {
  it("verifies a Rekor v1 dsse bundle: identity, subject digest, builder and repository", async () => {
    const bundle = await provenanceBundle(session);
    const result = verifyArtifactBundle({
      artifact: tgz,
      bundle,
      bundleFile: "p.sigstore.json",
      trust: trustOf(stack),
      identity: policy,
      provenance: provenancePolicy,
    });
    expect(result.kind).toBe("dsse");
    expect(result.statement?.predicateType).toBe(SLSA_PROVENANCE_V1);
    expect(result.statement?.subject.map((s) => s.name)).toEqual(["widgets-1.2.3.tgz", "widgets-1.2.3.zip"]);
  });

  it("verifies a Rekor v2 dsse bundle (checkpointed inclusion proof and TSA time)", async () => {
    const bundle = (await provenanceBundle(loopbackSession(stack, { rekor: 2 }))) as {
      verificationMaterial: { tlogEntries: { kindVersion: { kind: string; version: string } }[] };
    };
    expect(bundle.verificationMaterial.tlogEntries[0]?.kindVersion).toEqual({ kind: "dsse", version: "0.0.2" });
    expect(
      verifyArtifactBundle({
        artifact: tgz,
        bundle,
        bundleFile: "p.sigstore.json",
        trust: trustOf(stack),
        identity: policy,
      }).kind,
    ).toBe("dsse");
  });

  it("verifies a TSA-only bundle (GitHub's private-repository mode) against a root without a log", async () => {
    const bundle = await provenanceBundle(loopbackSession(stack, { rekor: false }));
    const root = { ...stack.trustedRoot, tlogs: [] };
    expect(
      verifyArtifactBundle({
        artifact: tgz,
        bundle,
        bundleFile: "p",
        trust: verifierFromTrustedRoot(root),
        identity: policy,
      }).kind,
    ).toBe("dsse");
  });

  it("rejects a TSA-only bundle when the trusted root has a log (missing log entry)", async () => {
    const bundle = await provenanceBundle(loopbackSession(stack, { rekor: false }));
    expect(() =>
      verifyArtifactBundle({
        artifact: tgz,
        bundle,
        bundleFile: "p.sigstore.json",
        trust: trustOf(stack),
        identity: policy,
      }),
    ).toThrow(
      "transparency log check failed: p.sigstore.json has no log entry, but the trusted root has a transparency log",
    );
  });

  it("rejects a tampered payload: its hash no longer matches the log entry", async () => {
    const bundle = (await provenanceBundle(session)) as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, "base64").toString("utf8"));
    statement.subject[0].digest.sha256 = "0".repeat(64);
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString("base64");
    expect(() =>
      verifyArtifactBundle({ artifact: tgz, bundle, bundleFile: "p", trust: trustOf(stack), identity: policy }),
    ).toThrow("transparency log check failed: DSSE payload hash mismatch (the attestation payload, p)");
  });

  it("rejects a tampered payload at the signature check when no log entry vouches for it", async () => {
    const bundle = (await provenanceBundle(loopbackSession(stack, { rekor: false }))) as {
      dsseEnvelope: { payload: string };
    };
    bundle.dsseEnvelope.payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1","subject":[]}').toString(
      "base64",
    );
    const trust = verifierFromTrustedRoot({ ...stack.trustedRoot, tlogs: [] });
    expect(() => verifyArtifactBundle({ artifact: tgz, bundle, bundleFile: "p", trust, identity: policy })).toThrow(
      "signature check failed: signature verification failed (the attestation payload, p)",
    );
  });

  it("rejects an artifact that is not among the subjects at the subject digest check", async () => {
    const bundle = await provenanceBundle(session);
    const other = { name: "widgets-1.2.3.tgz", data: Buffer.from("another build\n") };
    expect(() =>
      verifyArtifactBundle({ artifact: other, bundle, bundleFile: "p", trust: trustOf(stack), identity: policy }),
    ).toThrow(
      expect.objectContaining({
        code: "VERIFY_SUBJECT_DIGEST",
        message: expect.stringMatching(/^subject digest check failed: no subject of p has sha256 /),
      }),
    );
  });

  it("rejects provenance from another builder at the builder check", async () => {
    const bundle = await provenanceBundle(session);
    const builderId = "https://github.com/acme/widgets/.github/workflows/other.yml@refs/heads/main";
    expect(() =>
      verifyArtifactBundle({
        artifact: tgz,
        bundle,
        bundleFile: "p",
        trust: trustOf(stack),
        identity: policy,
        provenance: { builderId },
      }),
    ).toThrow(`builder check failed: provenance builder.id is "${TEST_SAN}", expected "${builderId}"`);
  });
});

describe("attestArtifacts", () => {
  it("costs one certificate and one log entry for 30 artifacts, with every artifact a subject", async () => {
    const files = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`a${String(i).padStart(2, "0")}.bin`, `artifact ${i}\n`]),
    );
    const { dir, paths } = await writeArtifacts(files);
    const subjects = await digestArtifacts(paths);
    const before = {
      fulcio: stack.requests.get("/api/v2/signingCert") ?? 0,
      rekor: stack.requests.get("/api/v1/log/entries") ?? 0,
    };
    const fresh = loopbackSession(stack);
    const [written] = await attestArtifacts({
      subjects,
      predicates: [
        {
          name: "provenance",
          predicateType: SLSA_PROVENANCE_V1,
          predicate: provenanceStatement(subjects, context).predicate,
        },
      ],
      session: fresh,
      outDir: dir,
    });
    expect((stack.requests.get("/api/v2/signingCert") ?? 0) - before.fulcio).toBe(1);
    expect((stack.requests.get("/api/v1/log/entries") ?? 0) - before.rekor).toBe(1);
    const lines = (await readFile(written?.path ?? "", "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    const payload = JSON.parse(Buffer.from(JSON.parse(lines[0] ?? "").dsseEnvelope.payload, "base64").toString("utf8"));
    expect(payload.subject).toHaveLength(30);
  });

  it("splits subjects into one statement per chunk", async () => {
    const { dir, paths } = await writeArtifacts({ "a.bin": "a", "b.bin": "b", "c.bin": "c" });
    const subjects = await digestArtifacts(paths);
    const [written] = await attestArtifacts({
      subjects,
      predicates: [{ name: "p", predicateType: SLSA_PROVENANCE_V1, predicate: {} }],
      session,
      outDir: dir,
      chunkSize: 2,
    });
    const subjectNames = written?.bundles.map((b) =>
      JSON.parse(Buffer.from(b.dsseEnvelope?.payload ?? "", "base64").toString("utf8")).subject.map(
        (s: { name: string }) => s.name,
      ),
    );
    expect(subjectNames).toEqual([["a.bin", "b.bin"], ["c.bin"]]);
  });
});
